import { watch } from 'node:fs';

/**
 * `npm run dev`: reloads the window whenever the renderer bundle is rebuilt (vite --watch writes to
 * out/renderer). Never active in a packaged app; bursts of writes are folded into one reload.
 */
export function watchRendererForReload(dir: string, reload: () => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  const watcher = watch(dir, { recursive: true }, () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(reload, 150);
  });
  return () => {
    if (timer) clearTimeout(timer);
    watcher.close();
  };
}
