import { useEffect, useRef } from 'react';

/**
 * Ctrl+S (Cmd+S on a Mac) anywhere on the page calls `onSave` instead of the browser's "save
 * page". Monaco handles the key itself while it has the focus and stops it there.
 */
export function useSaveShortcut(onSave: () => void) {
  const latest = useRef(onSave);
  useEffect(() => {
    latest.current = onSave;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || !(e.ctrlKey || e.metaKey) || e.altKey) return;
      if (e.key.toLowerCase() !== 's') return;
      e.preventDefault();
      latest.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
