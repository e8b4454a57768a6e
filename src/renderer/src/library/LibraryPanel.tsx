import { useEffect, useMemo, useState } from 'react';
import type { ClaimtagApi } from '../../../shared/contract';
import { ARTICLE_EXTENSIONS_SHOWN } from '../../../shared/article-formats';
import type { DocumentSummary, Label, SearchHit } from '../../../shared/types';
import { LabelSwatch } from '../chrome/LabelSwatch';

type SortKey = 'recent' | 'title' | 'tagged' | 'todo';

interface Props {
  api: ClaimtagApi;
  documents: DocumentSummary[];
  labels: Label[];
  currentId: string;
  /** The current annotator's name, to show their own done marks. */
  me: string;
  onOpen(id: string, offset?: number | null): void;
  onImport(): void;
  onPaste(): void;
  /** Opens the study dashboard (Ctrl+Shift+D). */
  onStudies?(): void;
  onRename(doc: DocumentSummary): void;
  onDelete(doc: DocumentSummary): void;
  /** Opens the Team panel (team mode). */
  onTeam?: () => void;
}

const total = (d: DocumentSummary) => Object.values(d.counts).reduce((a, b) => a + b, 0);

/** The library: every document, sorted or searched in full text. */
export function LibraryPanel({ api, documents, labels, currentId, me, onOpen, onImport, onPaste, onRename, onDelete, onStudies, onTeam }: Props) {
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<SortKey>('recent');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);

  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setHits(null);
      return;
    }
    let live = true;
    const t = setTimeout(() => {
      void api.searchDocuments({ query: q }).then((r) => {
        if (!live) return;
        if (r.ok) {
          setHits(r.value);
          setSearchError(null);
        } else setSearchError(r.error.message);
      });
    }, 150);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [api, query]);

  const sorted = useMemo(() => {
    const list = [...documents];
    if (sort === 'title') list.sort((a, b) => a.title.localeCompare(b.title));
    else if (sort === 'tagged') list.sort((a, b) => total(b) - total(a));
    else if (sort === 'todo') list.sort((a, b) => Number(a.doneBy.includes(me)) - Number(b.doneBy.includes(me)));
    return list;
  }, [documents, sort, me]);

  return (
    <nav className="library-panel" aria-label="Library">
      <div className="panel-header">
        <h2>Library</h2>
        <span className="count">{documents.length}</span>
        <span className="status-spacer" />
        <button type="button" className="button small" onClick={onImport} title="Import articles or annotation files (Ctrl+O)" aria-keyshortcuts="Control+O">
          Import…
        </button>
        <button type="button" className="button small" onClick={onPaste} title="New document from the clipboard">
          Paste
        </button>
        {onStudies && (
          <button type="button" className="button small" onClick={onStudies} title="Study dashboard (Ctrl+Shift+D)" aria-keyshortcuts="Control+Shift+D">
            Studies
          </button>
        )}
        {onTeam && (
          <button type="button" className="button small" onClick={onTeam} title="Share a study through your team's server">
            Team
          </button>
        )}
      </div>
      <div className="library-tools">
        <input
          type="search"
          className="search-input"
          placeholder="Search titles and text"
          aria-label="Search the library"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        {!hits && (
          <select aria-label="Sort documents" value={sort} onChange={(e) => setSort(e.target.value as SortKey)}>
            <option value="recent">Newest first</option>
            <option value="title">Title A–Z</option>
            <option value="tagged">Most tagged</option>
            <option value="todo">Not done by me first</option>
          </select>
        )}
      </div>
      {searchError && <p className="field-error">{searchError}</p>}
      {hits ? (
        hits.length === 0 ? (
          <p className="empty">No document contains “{query.trim()}”.</p>
        ) : (
          <ul className="doc-list" aria-label="Search results">
            {hits.map((h) => (
              <li key={h.documentId}>
                <button type="button" className="doc-item" onClick={() => onOpen(h.documentId, h.offset)}>
                  <span className="doc-item-title">{h.title}</span>
                  <span className="doc-item-snippet" dir="auto">
                    {renderSnippet(h.snippet)}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )
      ) : documents.length === 0 ? (
        <div className="empty">
          <p className="empty-title">Your library is empty</p>
          <p>Import an article ({ARTICLE_EXTENSIONS_SHOWN}), drop files on the window, or paste one.</p>
        </div>
      ) : (
        <ul className="doc-list">
          {sorted.map((d) => (
            <li key={d.id} className={d.id === currentId ? 'current' : undefined}>
              <button type="button" className="doc-item" aria-current={d.id === currentId ? 'page' : undefined} onClick={() => onOpen(d.id)}>
                <span className="doc-item-title">
                  {d.title}
                  {d.doneBy.length > 0 && (
                    <span className={`done-badge${d.doneBy.includes(me) ? ' mine' : ''}`} title={`Done: ${d.doneBy.join(', ')}`}>
                      {d.doneBy.includes(me) ? '✓ done' : `✓ ${d.doneBy.length}`}
                    </span>
                  )}
                </span>
                <span className="doc-item-meta">
                  {d.source || 'no source'} · {new Date(d.createdAt).toLocaleDateString()}
                </span>
                <span className="doc-item-counts">
                  {labels.map((l, i) => (
                    <span key={l.id} className="doc-count" title={`${l.name}: ${d.counts[l.id] ?? 0}`}>
                      <LabelSwatch label={l} index={i} /> {d.counts[l.id] ?? 0}
                    </span>
                  ))}
                </span>
              </button>
              <div className="doc-actions">
                <button type="button" className="link-button" onClick={() => onRename(d)} aria-label={`Rename ${d.title}`}>
                  Rename
                </button>
                <button type="button" className="link-button danger" onClick={() => onDelete(d)} aria-label={`Delete ${d.title}`}>
                  Delete
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}

/** Shows FTS snippet markers (\u0001…\u0002) as <mark>, everything else as text. */
function renderSnippet(snippet: string) {
  return snippet.split('\u0001').map((part, i) => {
    if (i === 0) return <span key={i}>{part}</span>;
    const [hit, rest] = part.split('\u0002');
    return (
      <span key={i}>
        <mark>{hit}</mark>
        {rest}
      </span>
    );
  });
}
