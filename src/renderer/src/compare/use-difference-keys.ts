import { useEffect, useRef } from 'react';

interface Handlers {
  /** A dialog is open over the view: keys are its own. */
  paused: boolean;
  step(delta: 1 | -1): void;
  /** Enter on the active difference (null: none active). */
  decide: (() => void) | null;
  /** Escape: leave the matrix cell's filter (null: none on). */
  clearCell: (() => void) | null;
}

/** J/K step anywhere in the view (not while typing or in a dialog); ↓/↑ and Enter in the list; Escape leaves a cell filter. */
export function useDifferenceKeys(handlers: Handlers): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const { paused, step, decide, clearCell } = latest.current;
      if (paused || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      const target = e.target instanceof HTMLElement ? e.target : null;
      if (target?.closest('input, textarea, select, [role="dialog"]')) return;
      const inList = !!target?.closest('[role="listbox"]');
      const free = inList || !target || target === document.body;
      const key = e.key;
      if (key === 'j' || key === 'J' || (key === 'ArrowDown' && inList)) {
        e.preventDefault();
        step(1);
      } else if (key === 'k' || key === 'K' || (key === 'ArrowUp' && inList)) {
        e.preventDefault();
        step(-1);
      } else if (key === 'Enter' && decide && free) {
        e.preventDefault();
        decide();
      } else if (key === 'Escape' && clearCell) {
        clearCell();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
