import { useEffect } from 'react';
import { DraftCount } from '../features/drafts';
import { useNavigationStore, type Screen } from '../navigation';
import { Icon } from '../ui';
import { HistoryButtons } from './history-buttons';

const SCREENS: { id: Screen; label: string; icon: 'inspect' | 'drafts' | 'key'; key: string }[] = [
  { id: 'inspect', label: 'Inspect', icon: 'inspect', key: '1' },
  { id: 'drafts', label: 'Drafts', icon: 'drafts', key: '2' },
  { id: 'credentials', label: 'Credentials', icon: 'key', key: '3' },
];

/** Ctrl+1…3 (Cmd on macOS) show a screen, as its tab does. */
function useScreenKeys(): void {
  const showScreen = useNavigationStore((s) => s.showScreen);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const hit = SCREENS.find((s) => s.key === e.key);
      if (hit && (e.ctrlKey || e.metaKey) && !e.altKey) {
        e.preventDefault();
        showScreen(hit.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [showScreen]);
}

/** The app chrome on the left: Back/Forward, then one tab per screen. A tab returns to what its screen showed. */
export function ActivityBar() {
  useScreenKeys();
  const screen = useNavigationStore((s) => s.current.screen);
  const showScreen = useNavigationStore((s) => s.showScreen);
  return (
    <nav className="activity-bar" aria-label="Navigation">
      <div className="brand" aria-hidden="true">
        MS
      </div>
      <HistoryButtons />
      <div role="tablist" aria-label="Screens" aria-orientation="vertical" className="activity-tabs">
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
            onClick={() => showScreen(s.id)}
          >
            <span className="activity-icon">
              <Icon name={s.icon} size={20} />
            </span>
            <span className="activity-label">{s.label}</span>
            {s.id === 'drafts' && <DraftCount />}
          </button>
        ))}
      </div>
    </nav>
  );
}
