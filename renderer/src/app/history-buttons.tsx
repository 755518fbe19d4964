import { describeRoute, useNavigationStore } from '../navigation';
import { Icon } from '../ui';

/** Back and Forward in the chrome; disabled when there is nowhere to go. Tooltips say where they lead. */
export function HistoryButtons() {
  const back = useNavigationStore((s) => s.back.at(-1));
  const forward = useNavigationStore((s) => s.forward.at(-1));
  const goBack = useNavigationStore((s) => s.goBack);
  const goForward = useNavigationStore((s) => s.goForward);
  return (
    <div className="history-buttons" role="group" aria-label="History">
      <button
        type="button"
        className="history-button"
        aria-label="Back"
        title={back === undefined ? 'Back (Alt+←)' : `Back to ${describeRoute(back)} (Alt+←)`}
        disabled={back === undefined}
        onClick={goBack}
        data-testid="nav-back"
      >
        <Icon name="back" size={14} />
      </button>
      <button
        type="button"
        className="history-button"
        aria-label="Forward"
        title={forward === undefined ? 'Forward (Alt+→)' : `Forward to ${describeRoute(forward)} (Alt+→)`}
        disabled={forward === undefined}
        onClick={goForward}
        data-testid="nav-forward"
      >
        <Icon name="forward" size={14} />
      </button>
    </div>
  );
}
