import { create } from 'zustand';

export type InspectorTab = 'layers' | 'config' | 'history' | 'raw';

interface InspectState {
  /** The reference last submitted (what the query is keyed by); the input box keeps its own text. */
  ref: string | null;
  /** The selected matrix row, by child digest (stable across refetches, unlike an index). */
  selectedDigest: string | null;
  /** Whether the layer inspector for the selected row is open. */
  inspectorOpen: boolean;
  inspectorTab: InspectorTab;
  submit: (ref: string) => void;
  select: (digest: string | null) => void;
  openInspector: (digest: string) => void;
  closeInspector: () => void;
  setInspectorTab: (t: InspectorTab) => void;
}

export const useInspectStore = create<InspectState>()((set) => ({
  ref: null,
  selectedDigest: null,
  inspectorOpen: false,
  inspectorTab: 'layers',
  submit: (ref) => set({ ref: ref.trim(), selectedDigest: null, inspectorOpen: false }),
  select: (selectedDigest) => set({ selectedDigest }),
  openInspector: (digest) => set({ selectedDigest: digest, inspectorOpen: true }),
  closeInspector: () => set({ inspectorOpen: false }),
  setInspectorTab: (inspectorTab) => set({ inspectorTab }),
}));
