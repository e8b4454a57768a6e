import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useCommands } from '../commands/use-commands';
import './focus.css';

interface Props {
  title: string;
  /** Escape and the close buttons; absent when the dialog must be answered (the first-run name). */
  onClose?(): void;
  children: ReactNode;
  actions: ReactNode;
  wide?: boolean;
  /** Makes the dialog a form: Enter in a field submits it. */
  onSubmit?(e: FormEvent<HTMLFormElement>): void;
}

const FOCUSABLE = 'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])';

/** The dialogs open now, oldest first: only the topmost traps focus and closes on Escape. */
const open: HTMLElement[] = [];

/** What Tab may reach inside `root`, in order: enabled, shown. */
function focusables(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => !el.matches(':disabled') && el.tabIndex >= 0 && el.getClientRects().length > 0);
}

/**
 * Puts focus inside the dialog: its first control above the action buttons, or the dialog itself
 * while none can take it (its content still loading; Tab then goes to the first control).
 */
function focusInside(root: HTMLElement): void {
  if (root.contains(document.activeElement)) return;
  (focusables(root).find((el) => !el.closest('.dialog-actions')) ?? root).focus();
}

/**
 * A modal dialog. It takes focus when it opens (its first control, or itself while its
 * controls are still disabled), keeps Tab inside, closes on Escape (the `close-dialog`
 * command, for the topmost dialog only) and gives focus back to where it was.
 */
export function Dialog({ title, onClose, children, actions, wide, onSubmit }: Props) {
  const ref = useRef<HTMLElement>(null);
  // Read while rendering, before any control inside takes focus with autoFocus.
  const [opener] = useState(() => document.activeElement as HTMLElement | null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    open.push(el);
    focusInside(el);
    // Focus that wanders out (a click on the page behind, Tab from the window's edge) comes back.
    const onFocusIn = (e: FocusEvent) => {
      if (open[open.length - 1] === el && e.target instanceof Node && !el.contains(e.target)) focusInside(el);
    };
    document.addEventListener('focusin', onFocusIn);
    return () => {
      document.removeEventListener('focusin', onFocusIn);
      open.splice(open.indexOf(el), 1);
      const below = open[open.length - 1];
      if (opener?.isConnected && (!below || below.contains(opener))) opener.focus();
      else if (below) focusInside(below);
    };
  }, [opener]);

  useCommands({
    'close-dialog': () => {
      if (!onClose || open[open.length - 1] !== ref.current) return false;
      onClose();
    },
  });

  const onKeyDown = (e: React.KeyboardEvent) => {
    const el = ref.current;
    if (e.key !== 'Tab' || !el) return;
    const items = focusables(el);
    if (items.length === 0) {
      e.preventDefault();
      el.focus();
      return;
    }
    const first = items[0];
    const last = items[items.length - 1];
    const inside = el.contains(document.activeElement) && document.activeElement !== el;
    if (e.shiftKey && (!inside || document.activeElement === first)) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && (!inside || document.activeElement === last)) {
      e.preventDefault();
      first.focus();
    }
  };

  const body = (
    <>
      <h1>{title}</h1>
      {children}
      <div className="dialog-actions">{actions}</div>
    </>
  );
  const common = {
    className: `dialog${wide ? ' wide' : ''}`,
    role: 'dialog',
    'aria-modal': true,
    'aria-label': title,
    tabIndex: -1,
  } as const;
  return (
    // A press on the backdrop leaves focus where it was (inside the dialog).
    <div className="modal-backdrop" onKeyDown={onKeyDown} onMouseDown={(e) => e.target === e.currentTarget && e.preventDefault()}>
      {onSubmit ? (
        <form ref={ref as React.RefObject<HTMLFormElement>} {...common} onSubmit={onSubmit}>
          {body}
        </form>
      ) : (
        <div ref={ref as React.RefObject<HTMLDivElement>} {...common}>
          {body}
        </div>
      )}
    </div>
  );
}
