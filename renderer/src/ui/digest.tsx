import { CopyButton } from './copy-button';
import { shortDigest } from './format';

/** A digest in monospace: short by default, full on hover, copyable. */
export function Digest({ value, full = false, testId }: { value: string; full?: boolean; testId?: string }) {
  return (
    <span className="digest" data-testid={testId} data-digest={value}>
      <code title={value}>{full ? value : shortDigest(value)}</code>
      <CopyButton text={value} label={`Copy digest ${value}`} />
    </span>
  );
}
