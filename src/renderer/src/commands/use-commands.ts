import { useEffect, useRef } from 'react';
import type { CommandId } from '../../../shared/commands';
import type { ClaimtagBridge } from '../../../shared/contract';
import { commands, type CommandHandler, type ContextProvider } from './command-registry';

/**
 * Binds what these commands do while the calling component is on screen, and the facts it
 * contributes to `when`. Handlers may be fresh closures each render: the latest is run.
 */
export function useCommands(handlers: Partial<Record<CommandId, CommandHandler>>, contexts?: ContextProvider): void {
  const latest = useRef({ handlers, contexts });
  useEffect(() => {
    latest.current = { handlers, contexts };
  });
  const ids = Object.keys(handlers).sort().join(' ');
  useEffect(() => {
    const offs = (ids ? (ids.split(' ') as CommandId[]) : []).map((id) => commands.bind(id, (run) => latest.current.handlers[id]?.(run)));
    return () => offs.forEach((off) => off());
  }, [ids]);
  const hasContexts = contexts !== undefined;
  useEffect(() => {
    if (!hasContexts) return;
    return commands.provide((focus) => latest.current.contexts?.(focus) ?? {});
  }, [hasContexts]);
}

/** Listens for keys and menu commands for the whole page (mounted once, by the app). */
export function useCommandDispatcher(api: ClaimtagBridge | null): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => void commands.dispatchKey(e);
    window.addEventListener('keydown', onKey);
    const offMenu = api?.onMenuCommand?.((command) => void commands.run(command));
    return () => {
      window.removeEventListener('keydown', onKey);
      offMenu?.();
    };
  }, [api]);
}
