import { chordOf, COMMAND_IDS, COMMANDS, whenHolds, type Chord, type CommandId, type Contexts } from '../../../shared/commands';

export interface CommandRun {
  /** The key that started it, or null when it came from the menu. */
  chord: Chord | null;
}
/** What a command does; returning false means "not now" and the key goes on as if unbound. */
export type CommandHandler = (run: CommandRun) => void | boolean;
/** Facts a view contributes to `when` (its own name, what is selected), asked at each key press. */
export type ContextProvider = (focus: Element | null) => Contexts;

/** Command ids by chord, in table order (the first whose `when` holds runs). */
const BY_CHORD = new Map<Chord, CommandId[]>();
for (const id of COMMAND_IDS) for (const chord of COMMANDS[id].keys) BY_CHORD.set(chord, [...(BY_CHORD.get(chord) ?? []), id]);

/** Runs the latest binding that takes the run (a dialog's Escape is taken by the topmost dialog only). */
function runLatest(stack: readonly CommandHandler[], run: CommandRun): boolean {
  for (let i = stack.length - 1; i >= 0; i--) if (stack[i](run) !== false) return true;
  return false;
}

/** Focus is in a field that takes typed keys. */
export function isTypingTarget(el: Element | null): boolean {
  return el instanceof HTMLElement && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT');
}

/**
 * The renderer's half of the command table: handlers bound by the views that are on screen,
 * the facts they contribute, and the one keydown dispatcher. A command bound twice (a dialog
 * over a dialog) runs its latest binding.
 */
export class CommandRegistry {
  private readonly handlers = new Map<CommandId, CommandHandler[]>();
  private readonly providers = new Set<ContextProvider>();

  bind(id: CommandId, handler: CommandHandler): () => void {
    const stack = this.handlers.get(id) ?? [];
    stack.push(handler);
    this.handlers.set(id, stack);
    return () => {
      const at = stack.lastIndexOf(handler);
      if (at >= 0) stack.splice(at, 1);
    };
  }

  provide(provider: ContextProvider): () => void {
    this.providers.add(provider);
    return () => this.providers.delete(provider);
  }

  /** The facts now: a modal open, typing in a field, and what the views on screen say. */
  contexts(focus: Element | null): Contexts {
    const facts: Contexts = { modalOpen: document.querySelector('[aria-modal="true"]') !== null, typingInField: isTypingTarget(focus) };
    for (const provide of this.providers) Object.assign(facts, provide(focus));
    return facts;
  }

  /**
   * Runs the command bound to this key press, if one applies; true when it ran. A control that
   * keeps a key for itself stops its propagation (the editor's own preventDefault, e.g. Lexical's
   * on Ctrl+Z, does not keep the key from the command table).
   */
  dispatchKey(e: KeyboardEvent): boolean {
    if (e.isComposing) return false;
    const chord = chordOf(e);
    const ids = chord ? BY_CHORD.get(chord) : undefined;
    if (!chord || !ids) return false;
    let facts: Contexts | null = null;
    for (const id of ids) {
      const stack = this.handlers.get(id);
      if (!stack?.length) continue;
      facts ??= this.contexts(e.target instanceof Element ? e.target : document.activeElement);
      if (!whenHolds(COMMANDS[id], facts)) continue;
      if (!runLatest(stack, { chord })) continue;
      e.preventDefault();
      return true;
    }
    return false;
  }

  /** Runs a command chosen in the menu, under the same `when` (a menu click is not typing). */
  run(id: CommandId): boolean {
    const stack = this.handlers.get(id);
    if (!stack?.length) return false;
    const facts = { ...this.contexts(document.activeElement), typingInField: false };
    if (!whenHolds(COMMANDS[id], facts)) return false;
    return runLatest(stack, { chord: null });
  }
}

/** The one registry of the page. */
export const commands = new CommandRegistry();
