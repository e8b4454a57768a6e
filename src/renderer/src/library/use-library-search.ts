import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ClaimtagApi } from '../../../shared/contract';
import { findWords, searchWords } from '../../../shared/search-words';
import type { SearchHit } from '../../../shared/types';

/** Where the analyst is among the search's words: a document and an offset in it (or its first/last hit). */
export interface HitPlace {
  documentId: string;
  at: number | 'first' | 'last';
}

export interface LibrarySearch {
  query: string;
  setQuery(query: string): void;
  /** The documents that match, best first; null when the box is empty. */
  results: SearchHit[] | null;
  error: string | null;
  /** The open document's occurrences of the searched words, and which one is current (-1: none). */
  inDocument: { hits: ReadonlyArray<readonly [number, number]>; current: number };
  /** A result was opened at `offset` (or at its first hit). */
  openedAt(documentId: string, offset: number | null): void;
  /** The next (+1) or previous (-1) hit: in this document, else in the next result's document (wrapping). */
  step(delta: 1 | -1): void;
}

/**
 * The library search, kept by the shell so that opening a hit, switching documents or a trip to
 * Compare keeps the query, the results and the place among the hits (the library panel and the
 * workbench are remade on each switch; this is not).
 */
export function useLibrarySearch(api: ClaimtagApi, openDocument: { id: string; text: string }, open: (id: string) => void): LibrarySearch {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<SearchHit[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [place, setPlace] = useState<HitPlace | null>(null);

  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setResults(null);
      setError(null);
      return;
    }
    let live = true;
    const t = setTimeout(() => {
      void api.searchDocuments({ query: q }).then((r) => {
        if (!live) return;
        if (r.ok) {
          setResults(r.value);
          setError(null);
        } else setError(r.error.message);
      });
    }, 150);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [api, query]);

  const words = useMemo(() => (results ? searchWords(query) : []), [results, query]);
  const hits = useMemo(() => findWords(openDocument.text, words), [openDocument.text, words]);
  const current = useMemo(() => {
    if (!place || place.documentId !== openDocument.id || hits.length === 0) return -1;
    if (place.at === 'first') return 0;
    if (place.at === 'last') return hits.length - 1;
    const at = place.at;
    const i = hits.findIndex(([, end]) => end > at);
    return i < 0 ? hits.length - 1 : i;
  }, [place, openDocument.id, hits]);

  const openedAt = useCallback((documentId: string, offset: number | null) => setPlace({ documentId, at: offset ?? 'first' }), []);

  const step = useCallback(
    (delta: 1 | -1) => {
      const here = openDocument.id;
      const edge = delta > 0 ? 'first' : 'last';
      if (hits.length > 0 && current < 0) return setPlace({ documentId: here, at: edge });
      const next = current + delta;
      if (current >= 0 && next >= 0 && next < hits.length) return setPlace({ documentId: here, at: hits[next][0] });
      const docs = results ?? [];
      if (docs.length === 0) return;
      const k = docs.findIndex((d) => d.documentId === here);
      const target = k < 0 ? docs[delta > 0 ? 0 : docs.length - 1] : docs[(k + delta + docs.length) % docs.length];
      setPlace({ documentId: target.documentId, at: edge });
      if (target.documentId !== here) open(target.documentId);
    },
    [openDocument.id, hits, current, results, open],
  );

  return { query, setQuery, results, error, inDocument: useMemo(() => ({ hits, current }), [hits, current]), openedAt, step };
}
