import { useEffect, useState } from 'react';
import { Icon } from './icons';

/** Copies `text`; says "Copied" for a moment so keyboard and screen-reader users get feedback too. */
export function CopyButton({ text, label, testId }: { text: string; label: string; testId?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return undefined;
    const t = setTimeout(() => setState('idle'), 1500);
    return () => clearTimeout(t);
  }, [state]);
  const copy = async (ev: React.MouseEvent) => {
    ev.stopPropagation();
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <button
      type="button"
      className="btn-icon copy-btn"
      aria-label={label}
      title={label}
      data-testid={testId}
      data-copy-text={text}
      onClick={(ev) => void copy(ev)}
    >
      {state === 'copied' ? <Icon name="check" size={12} /> : state === 'failed' ? '!' : <Icon name="copy" size={12} />}
      <span className="sr-only" aria-live="polite">
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : ''}
      </span>
    </button>
  );
}
