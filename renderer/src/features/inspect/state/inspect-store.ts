import { create } from 'zustand';

export type InspectorTab = 'layers' | 'config' | 'history' | 'raw';

export interface RowSelection {
  /** The selected matrix row, by child digest (stable across refetches, unlike an index). */
  selectedDigest: string | null;
  /** Whether the layer inspector for the selected row is open. */
  inspectorOpen: boolean;
}

interface InspectState {
  /** Per inspected reference, so Back to an earlier list shows the row that was open there. */
  rows: Record<string, RowSelection>;
  inspectorTab: InspectorTab;
  select: (ref: string, digest: string | null) => void;
  openInspector: (ref: string, digest: string) => void;
  closeInspector: (ref: string) => void;
  setInspectorTab: (t: InspectorTab) => void;
}

const NONE: RowSelection = { selectedDigest: null, inspectorOpen: false };

export const useInspectStore = create<InspectState>()((set) => ({
  rows: {},
  inspectorTab: 'layers',
  select: (ref, selectedDigest) =>
    set((s) => ({ rows: { ...s.rows, [ref]: { ...(s.rows[ref] ?? NONE), selectedDigest } } })),
  openInspector: (ref, digest) => set((s) => ({ rows: { ...s.rows, [ref]: { selectedDigest: digest, inspectorOpen: true } } })),
  closeInspector: (ref) => set((s) => ({ rows: { ...s.rows, [ref]: { ...(s.rows[ref] ?? NONE), inspectorOpen: false } } })),
  setInspectorTab: (inspectorTab) => set({ inspectorTab }),
}));

/** The row selection of one inspected reference (none until the user picks a row). */
export function useRowSelection(ref: string): RowSelection {
  return useInspectStore((s) => s.rows[ref] ?? NONE);
}
