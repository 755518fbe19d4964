import { parseNormalizedNamed } from '../../../../shared/reference';
import { useNavigationStore } from '../../navigation';
import { errorCode } from '../../server-state';

/** The registry a reference names, as docker resolves it (`busybox` → `docker.io`); undefined if it does not parse. */
function registryOf(ref: string): string | undefined {
  try {
    return parseNormalizedNamed(ref.trim()).domain;
  } catch {
    return undefined;
  }
}

/** After a refusal for lack of (the right) credentials: one click to the Credentials screen for that registry. */
export function LoginAction({ error, imageRef }: { error: unknown; imageRef: string }) {
  const navigate = useNavigationStore((s) => s.navigate);
  const code = errorCode(error);
  const registry = registryOf(imageRef);
  if ((code !== 'UNAUTHORIZED' && code !== 'DENIED') || registry === undefined) return null;
  return (
    <div className="toolbar">
      <button
        type="button"
        className="btn"
        onClick={() => navigate({ screen: 'credentials', registry })}
        data-testid="inspect-login"
      >
        Log in to {registry}…
      </button>
    </div>
  );
}
