// File and folder names that every desktop OS accepts and that stay readable: letters and
// digits of any script, combining marks, dot, dash and underscore; everything else becomes "_".

/** Names Windows refuses whatever their extension. */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;
const MAX_CODE_POINTS = 80;

/** A portable file or folder name for `name`, or `fallback` when nothing usable is left. */
export function safeFileName(name: string, fallback: string): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[^\p{L}\p{M}\p{N}._-]+/gu, '_')
    .replace(/^[._]+|[._]+$/g, '');
  const slug = Array.from(cleaned).slice(0, MAX_CODE_POINTS).join('').replace(/[._]+$/, '');
  if (slug === '') return fallback;
  return WINDOWS_RESERVED.test(slug) ? `${slug}_` : slug;
}

/** Returns a function giving each key a distinct name, suffixing "-2", "-3" on collisions (case-insensitively). */
export function uniqueNamer(): (key: string, wanted: string) => string {
  const byKey = new Map<string, string>();
  const used = new Set<string>();
  return (key, wanted) => {
    const known = byKey.get(key);
    if (known) return known;
    let name = wanted;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${wanted}-${n}`;
    used.add(name.toLowerCase());
    byKey.set(key, name);
    return name;
  };
}
