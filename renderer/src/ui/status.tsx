import type { ReactNode } from 'react';
import type { ErrorCode } from '../../../shared/errors';
import { asErrorData } from '../server-state';

/** What to do next when main sent no hint: every error screen should point somewhere. */
const FALLBACK_HINTS: Partial<Record<ErrorCode, string>> = {
  REFERENCE_INVALID: 'Check the reference: [registry/]repository[:tag|@sha256:digest], lowercase repository name.',
  NETWORK: 'Check that the registry is running and reachable, and its host and port are right.',
  TLS: 'If the registry uses a self-signed certificate, add its CA file or mark it insecure under Credentials.',
  UNAUTHORIZED: 'Log in to this registry under Credentials.',
  DENIED: 'Your account lacks permission; log in as a user who may access this repository.',
  MANIFEST_UNKNOWN: 'The tag or digest does not exist in that repository. Check the spelling.',
  NAME_UNKNOWN: 'The repository does not exist on that registry. Check the name.',
  TIMEOUT: 'The registry did not answer in time. Try again.',
  TOO_MANY_REQUESTS: 'The registry is rate-limiting you. Wait a while, or log in for a higher limit.',
};

export function ErrorView({
  error,
  title,
  onRetry,
  testId = 'error',
}: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
  testId?: string;
}) {
  const data = asErrorData(error);
  const hint = data.hint ?? FALLBACK_HINTS[data.code];
  return (
    <div className="error-view" role="alert" data-testid={testId} data-error-code={data.code}>
      {title !== undefined && <div className="error-title">{title}</div>}
      <div className="error-message" data-testid={`${testId}-message`}>
        {data.message}
      </div>
      {hint !== undefined && (
        <div className="error-hint" data-testid={`${testId}-hint`}>
          {hint}
        </div>
      )}
      <div className="error-footer">
        <code className="error-code">{data.code}</code>
        {onRetry !== undefined && (
          <button type="button" className="btn" onClick={onRetry}>
            Try again
          </button>
        )}
      </div>
    </div>
  );
}

export function Loading({ label, testId = 'loading' }: { label: string; testId?: string }) {
  return (
    <div className="loading" role="status" aria-live="polite" data-testid={testId}>
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

export function EmptyState({
  title,
  children,
  testId = 'empty',
}: {
  title: string;
  children?: ReactNode;
  testId?: string;
}) {
  return (
    <div className="empty-state" data-testid={testId}>
      <div className="empty-title">{title}</div>
      {children !== undefined && <div className="empty-body">{children}</div>}
    </div>
  );
}

export function Badge({
  tone = 'neutral',
  children,
  title,
  testId,
}: {
  tone?: 'neutral' | 'info' | 'warn' | 'ok' | 'accent' | 'danger';
  children: ReactNode;
  title?: string;
  testId?: string;
}) {
  return (
    <span className={`badge badge-${tone}`} title={title} data-testid={testId}>
      {children}
    </span>
  );
}
