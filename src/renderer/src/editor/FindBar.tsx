import { useEffect, useMemo, useRef, useState } from 'react';

interface Props {
  text: string;
  onShow(hits: ReadonlyArray<readonly [number, number]>, current: number): void;
  /** Closing with a current hit leaves that hit selected in the article, ready to tag. */
  onClose(hit: readonly [number, number] | null): void;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every case-insensitive occurrence of `query` in `text`, as [start, end) offsets. */
export function findAll(text: string, query: string, limit = 5000): Array<[number, number]> {
  const q = query.normalize('NFC');
  if (!q.trim()) return [];
  const re = new RegExp(escapeRegExp(q), 'giu');
  const hits: Array<[number, number]> = [];
  for (let m = re.exec(text); m && hits.length < limit; m = re.exec(text)) {
    hits.push([m.index, m.index + m[0].length]);
    if (m[0].length === 0) re.lastIndex++;
  }
  return hits;
}

/** Ctrl+F: find in the open document; Enter steps forward, Shift+Enter back, Escape closes and selects the hit. */
export function FindBar({ text, onShow, onClose }: Props) {
  const [query, setQuery] = useState('');
  const [current, setCurrent] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const hits = useMemo(() => findAll(text, query), [text, query]);

  useEffect(() => input.current?.focus(), []);
  useEffect(() => {
    onShow(hits, Math.min(current, Math.max(0, hits.length - 1)));
  }, [hits, current, onShow]);
  useEffect(() => () => onShow([], 0), [onShow]);

  return (
    <div className="find-bar" role="search">
      <input
        ref={input}
        type="text"
        aria-label="Find in document"
        placeholder="Find in document"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setCurrent(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && hits.length) {
            e.preventDefault();
            setCurrent((c) => (c + (e.shiftKey ? hits.length - 1 : 1)) % hits.length);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            onClose(hits[Math.min(current, hits.length - 1)] ?? null);
          }
        }}
      />
      <span className="find-count" aria-live="polite">
        {query.trim() ? (hits.length ? `${Math.min(current, hits.length - 1) + 1} of ${hits.length}` : 'No matches') : ''}
      </span>
      <button type="button" className="link-button" onClick={() => onClose(null)} aria-label="Close find">
        ×
      </button>
    </div>
  );
}
