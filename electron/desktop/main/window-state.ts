import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';

/** Window bounds remembered across launches, in `<userData>/window-state.json`. */
export const WindowStateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400).max(20000),
  height: z.number().int().min(300).max(20000),
  maximized: z.boolean().optional(),
});
export type WindowState = z.infer<typeof WindowStateSchema>;

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 820 };

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Reads the saved state; a missing or damaged file means defaults (it is a convenience, not data). */
export async function loadWindowState(file: string): Promise<WindowState> {
  try {
    const parsed = WindowStateSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : DEFAULT_WINDOW_STATE;
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
}

export async function saveWindowState(file: string, state: WindowState): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(state));
  await rename(tmp, file);
}

/**
 * Drops the saved position when no display's work area still holds the window's title bar (a monitor
 * was unplugged), so the window never opens off-screen; the size is kept.
 */
export function fitToDisplays(state: WindowState, workAreas: readonly Rect[]): WindowState {
  if (state.x === undefined || state.y === undefined) return state;
  const { x, y } = state;
  const titleBarVisible = workAreas.some(
    (a) => x + 100 > a.x && x < a.x + a.width - 100 && y >= a.y && y < a.y + a.height - 50,
  );
  if (titleBarVisible) return state;
  const { x: _x, y: _y, ...rest } = state;
  return rest;
}
