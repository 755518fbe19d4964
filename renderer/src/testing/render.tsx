import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { useDraftEditorStore } from '../features/drafts/state/draft-editor-store';
import { useInspectStore } from '../features/inspect/state/inspect-store';
import { useNavigationStore } from '../navigation';
import { ApiProvider, createQueryClient, type StudioApi } from '../server-state';

const initial = {
  navigation: useNavigationStore.getState(),
  inspect: useInspectStore.getState(),
  editor: useDraftEditorStore.getState(),
};

/** Zustand stores are module singletons, and jsdom keeps one URL and history: put them back between tests. */
export function resetStores(): void {
  useNavigationStore.setState(initial.navigation, true);
  useInspectStore.setState(initial.inspect, true);
  useDraftEditorStore.setState(initial.editor, true);
  window.history.replaceState(null, '', '/');
}

export function renderWithApi(ui: ReactElement, api: StudioApi) {
  const queryClient = createQueryClient();
  const result = render(
    <ApiProvider api={api}>
      <QueryClientProvider client={queryClient}>{ui}</QueryClientProvider>
    </ApiProvider>,
  );
  return { ...result, queryClient };
}
