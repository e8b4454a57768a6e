import path from 'node:path';

/** The name a file dropped on the page is imported (and told) under: no folders, no leading dots. */
export const droppedFileName = (name: string): string => path.basename(name.replace(/[\\/]/g, '_')).replace(/^\.+/, '') || 'dropped-file';
