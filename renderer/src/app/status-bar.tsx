import { useAppInfo } from '../server-state';

export function StatusBar() {
  const info = useAppInfo();
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
