import { useEffect } from 'react';
import { QueryClientProvider, useQuery, type QueryClient } from '@tanstack/react-query';
import { ApiProvider, keys, useApi, useDrafts, useStudioEvents, type StudioApi } from './data';
import { CredentialsScreen } from './features/credentials';
import { DraftsScreen } from './features/drafts';
import { InspectScreen } from './features/inspect';
import { useUiStore, type Screen } from './state';
import { Icon } from './ui';

const SCREENS: { id: Screen; label: string; icon: 'inspect' | 'drafts' | 'key'; key: string }[] = [
  { id: 'inspect', label: 'Inspect', icon: 'inspect', key: '1' },
  { id: 'drafts', label: 'Drafts', icon: 'drafts', key: '2' },
  { id: 'credentials', label: 'Credentials', icon: 'key', key: '3' },
];

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
  useStudioEvents();
  const screen = useUiStore((s) => s.screen);
  const setScreen = useUiStore((s) => s.setScreen);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const hit = SCREENS.find((s) => s.key === e.key);
      if (hit && (e.ctrlKey || e.metaKey) && !e.altKey) {
        e.preventDefault();
        setScreen(hit.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setScreen]);

  return (
    <div className="app">
      <nav className="activity-bar" role="tablist" aria-label="Screens" aria-orientation="vertical">
        <div className="brand" aria-hidden="true">
          MS
        </div>
        {SCREENS.map((s) => (
          <button
            key={s.id}
            type="button"
            role="tab"
            id={`screen-tab-${s.id}`}
            aria-selected={screen === s.id}
            aria-controls="screen-panel"
            className={`activity${screen === s.id ? ' active' : ''}`}
            title={`${s.label} (Ctrl+${s.key})`}
            data-testid={`nav-${s.id}`}
            onClick={() => setScreen(s.id)}
          >
            <span className="activity-icon">
              <Icon name={s.icon} size={20} />
            </span>
            <span className="activity-label">{s.label}</span>
            {s.id === 'drafts' && <DraftCount />}
          </button>
        ))}
      </nav>
      <main className="main" id="screen-panel" role="tabpanel" aria-labelledby={`screen-tab-${screen}`}>
        {screen === 'inspect' && <InspectScreen />}
        {screen === 'drafts' && <DraftsScreen />}
        {screen === 'credentials' && <CredentialsScreen />}
      </main>
      <StatusBar />
    </div>
  );
}

function DraftCount() {
  const drafts = useDrafts();
  if (!drafts.isSuccess || drafts.data.length === 0) return null;
  return <span className="activity-count">{drafts.data.length}</span>;
}

function StatusBar() {
  const api = useApi();
  const info = useQuery({ queryKey: keys.appInfo(), queryFn: () => api.invoke('app.info', {}), staleTime: Infinity });
  return (
    <footer className="status-bar" data-testid="status-bar">
      {info.isSuccess ? (
        <span>
          {info.data.name} {info.data.version} · {info.data.face === 'desktop' ? 'desktop' : 'browser (loopback host)'}
        </span>
      ) : info.isError ? (
        <span className="status-error" title={info.error.message}>
          Not connected to the Manifest Studio service — reload the window
        </span>
      ) : (
        <span>Connecting…</span>
      )}
    </footer>
  );
}
