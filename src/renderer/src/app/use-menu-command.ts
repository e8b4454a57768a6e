import { useEffect, useRef } from 'react';
import type { MenuCommand } from '../../../shared/api-methods';
import { getApi } from '../api';

/** Runs `handler` whenever the application menu sends `command`. */
export function useMenuCommand(command: MenuCommand, handler: () => void): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    const api = getApi();
    if (!api?.onMenuCommand) return;
    return api.onMenuCommand((c) => {
      if (c === command) latest.current();
    });
  }, [command]);
}
