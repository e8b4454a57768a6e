/** A portable file or folder name: ASCII letters, digits, dot, dash, underscore. */
export function safeFileName(name: string, fallback: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+|_+$/g, '')
    .slice(0, 80);
  return slug === '' ? fallback : slug;
}

/** Returns a function giving each key a distinct name, suffixing "-2", "-3" on collisions. */
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
