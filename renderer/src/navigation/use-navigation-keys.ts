import { useEffect } from 'react';
import { useNavigationStore } from './navigation-store';

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target instanceof HTMLTextAreaElement || (target instanceof HTMLInputElement && target.type !== 'checkbox');
}

/**
 * Alt+← / Alt+→ go Back / Forward anywhere in the window (Electron has no browser shortcuts of its own).
 * Not in text fields, where Option+←/→ moves by word on macOS; not when a component already used the key.
 */
export function useNavigationKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || e.defaultPrevented) return;
      if ((e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') || isTextField(e.target)) return;
      const nav = useNavigationStore.getState();
      const back = e.key === 'ArrowLeft';
      if ((back ? nav.back : nav.forward).length === 0) return;
      // In a browser the same keys are its own Back/Forward: one step, not two.
      e.preventDefault();
      if (back) nav.goBack();
      else nav.goForward();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
