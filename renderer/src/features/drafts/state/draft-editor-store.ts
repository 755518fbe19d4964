import { create } from 'zustand';

export type PlatformField = 'os' | 'architecture' | 'variant' | 'os.version' | 'os.features';

export interface EditingCell {
  entryRef: string;
  field: PlatformField;
}

interface DraftEditorState {
  selectedEntryRef: string | null;
  editing: EditingCell | null;
  /** The entry details panel (annotations, config platform) for the selected entry. */
  detailsOpen: boolean;
  addOpen: boolean;
  pushOpen: boolean;
  setDetailsOpen: (open: boolean) => void;
  select: (entryRef: string | null) => void;
  startEdit: (cell: EditingCell) => void;
  stopEdit: () => void;
  setAddOpen: (open: boolean) => void;
  setPushOpen: (open: boolean) => void;
  /** Forget the per-draft state when another draft opens. */
  reset: () => void;
}

export const useDraftEditorStore = create<DraftEditorState>()((set) => ({
  selectedEntryRef: null,
  editing: null,
  detailsOpen: false,
  addOpen: false,
  pushOpen: false,
  setDetailsOpen: (detailsOpen) => set({ detailsOpen }),
  select: (selectedEntryRef) => set({ selectedEntryRef }),
  startEdit: (editing) => set({ editing, selectedEntryRef: editing.entryRef }),
  stopEdit: () => set({ editing: null }),
  setAddOpen: (addOpen) => set({ addOpen }),
  setPushOpen: (pushOpen) => set({ pushOpen }),
  reset: () => set({ selectedEntryRef: null, editing: null, detailsOpen: false, addOpen: false, pushOpen: false }),
}));
