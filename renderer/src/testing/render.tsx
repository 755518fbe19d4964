import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { ApiProvider, createQueryClient, type StudioApi } from '../data';
import { useDraftEditorStore, useInspectStore, useUiStore } from '../state';

const initial = {
  ui: useUiStore.getState(),
  inspect: useInspectStore.getState(),
  editor: useDraftEditorStore.getState(),
};

/** Zustand stores are module singletons: put them back between tests. */
export function resetStores(): void {
  useUiStore.setState(initial.ui, true);
  useInspectStore.setState(initial.inspect, true);
  useDraftEditorStore.setState(initial.editor, true);
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
