import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { CredentialsScreen } from '../features/credentials';
import { DraftsScreen, useDraftEvents } from '../features/drafts';
import { InspectScreen } from '../features/inspect';
import { useBrowserHistory, useNavigationKeys, useNavigationStore } from '../navigation';
import { ApiProvider, type StudioApi } from '../server-state';
import { ActivityBar } from './activity-bar';
import { StatusBar } from './status-bar';

/** The whole app with its providers; tests render it with a fake api and a fresh query client. */
export function App({ api, queryClient }: { api: StudioApi; queryClient: QueryClient }) {
  return (
    <ApiProvider api={api}>
      <QueryClientProvider client={queryClient}>
        <Shell />
      </QueryClientProvider>
    </ApiProvider>
  );
}

function Shell() {
  useDraftEvents();
  useBrowserHistory();
  useNavigationKeys();
  const screen = useNavigationStore((s) => s.current.screen);
  return (
    <div className="app">
      <ActivityBar />
      <main className="main" id="screen-panel" role="tabpanel" aria-labelledby={`screen-tab-${screen}`}>
        {screen === 'inspect' && <InspectScreen />}
        {screen === 'drafts' && <DraftsScreen />}
        {screen === 'credentials' && <CredentialsScreen />}
      </main>
      <StatusBar />
    </div>
  );
}
