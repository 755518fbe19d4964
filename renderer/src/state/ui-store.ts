import { create } from 'zustand';

export type Screen = 'inspect' | 'drafts' | 'credentials';

interface UiState {
  screen: Screen;
  /** The draft open in the Drafts screen (by its reference). */
  openDraftRef: string | null;
  setScreen: (s: Screen) => void;
  openDraft: (ref: string | null) => void;
}

/** Which screen is showing and which draft is open; nothing fetched lives here. */
export const useUiStore = create<UiState>()((set) => ({
  screen: 'inspect',
  openDraftRef: null,
  setScreen: (screen) => set({ screen }),
  openDraft: (ref) => set(ref === null ? { openDraftRef: null } : { openDraftRef: ref, screen: 'drafts' }),
}));
