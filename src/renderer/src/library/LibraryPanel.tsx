import { useEffect, useMemo, useState } from 'react';
import type { ClaimtagApi } from '../../../shared/contract';
import { ARTICLE_EXTENSIONS_SHOWN } from '../../../shared/article-formats';
import { DOCUMENT_PAGE_MAX, type DocumentPageQuery, type DocumentSummary, type Label } from '../../../shared/types';
import { LabelSwatch } from '../chrome/LabelSwatch';
import type { LibrarySearch } from './use-library-search';

type SortKey = 'recent' | 'title' | 'tagged' | 'todo';

/** Each choice of the sort menu, as the SQL order listDocumentPage applies. */
const SORTS: Record<SortKey, Pick<DocumentPageQuery, 'sort' | 'direction'>> = {
  recent: { sort: 'created', direction: 'desc' },
  title: { sort: 'title', direction: 'asc' },
  tagged: { sort: 'annotations', direction: 'desc' },
  todo: { sort: 'notDoneByMe', direction: 'asc' },
};
/** Rows the list shows at first and adds with each "Show more". */
const PAGE = 100;

interface Props {
  api: ClaimtagApi;
  documents: DocumentSummary[];
  /** Changes whenever documents arrive in or leave the library: the shown pages reload. */
  libraryVersion: number;
  labels: Label[];
  currentId: string;
  /** The search box, its results and the place among the hits: kept by the shell across document switches. */
  search: LibrarySearch;
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

/**
 * The library: pages of documents sorted in SQL (listDocumentPage), more on request, or full-text
 * search results. Rows the parent already holds (`documents`) are shown in their newer state.
 */
export function LibraryPanel({ api, documents, libraryVersion, labels, currentId, search, me, onOpen, onImport, onPaste, onRename, onDelete, onStudies, onTeam }: Props) {
  const { query, setQuery, results: hits, error: searchError } = search;
  const [sort, setSort] = useState<SortKey>('recent');

  const [shown, setShown] = useState(PAGE);
  const [page, setPage] = useState<{ total: number; rows: DocumentSummary[] } | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  // Reload the shown rows when the order, the number shown or the library (an import, a delete) changes.
  useEffect(() => {
    let live = true;
    setLoading(true);
    void (async () => {
      const rows: DocumentSummary[] = [];
      let total = 0;
      for (let offset = 0; offset < shown; offset += DOCUMENT_PAGE_MAX) {
        const r = await api.listDocumentPage({ ...SORTS[sort], offset, limit: Math.min(DOCUMENT_PAGE_MAX, shown - offset), titleFilter: '' });
        if (!live) return;
        if (!r.ok) {
          setListError(r.error.message);
          setLoading(false);
          return;
        }
        total = r.value.total;
        rows.push(...r.value.documents);
        if (r.value.documents.length < DOCUMENT_PAGE_MAX) break;
      }
      setPage({ total, rows });
      setListError(null);
      setLoading(false);
    })();
    return () => {
      live = false;
    };
  }, [api, sort, shown, libraryVersion]);

  const fresh = useMemo(() => new Map(documents.map((d) => [d.id, d])), [documents]);
  const rows = (page?.rows ?? []).map((d) => fresh.get(d.id) ?? d);
  const totalCount = page?.total ?? documents.length;

  return (
    <nav className="library-panel" aria-label="Library">
      <div className="panel-header">
        <h2>Library</h2>
        <span className="count">{totalCount}</span>
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
        {hits && hits.length > 0 && <HitStepper search={search} />}
        {!hits && (
          <select
            aria-label="Sort documents"
            value={sort}
            onChange={(e) => {
              setSort(e.target.value as SortKey);
              setShown(PAGE);
            }}
          >
            <option value="recent">Newest first</option>
            <option value="title">Title A–Z</option>
            <option value="tagged">Most tagged</option>
            <option value="todo">Not done by me first</option>
          </select>
        )}
      </div>
      {searchError && <p className="field-error">{searchError}</p>}
      {listError && !hits && <p className="field-error">The library list could not be read: {listError}</p>}
      {hits ? (
        hits.length === 0 ? (
          <p className="empty">No document contains “{query.trim()}”.</p>
        ) : (
          <ul className="doc-list" aria-label="Search results">
            {hits.map((h) => (
              <li key={h.documentId} className={h.documentId === currentId ? 'current' : undefined}>
                <button type="button" className="doc-item" aria-current={h.documentId === currentId ? 'page' : undefined} onClick={() => onOpen(h.documentId, h.offset)}>
                  <span className="doc-item-title">{h.title}</span>
                  <span className="doc-item-snippet" dir="auto">
                    {renderSnippet(h.snippet)}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )
      ) : totalCount === 0 ? (
        <div className="empty">
          <p className="empty-title">Your library is empty</p>
          <p>Import an article ({ARTICLE_EXTENSIONS_SHOWN}), drop files on the window, or paste one.</p>
        </div>
      ) : (
        <>
        <ul className="doc-list" aria-busy={loading}>
          {rows.map((d) => (
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
                      <LabelSwatch label={l} index={i} labels={labels} />
                      <span className="doc-count-name">{l.name}</span> {d.counts[l.id] ?? 0}
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
        {rows.length < totalCount && (
          <div className="doc-list-more">
            <span className="meta">
              {rows.length} of {totalCount}
            </span>
            <button type="button" className="button small" disabled={loading} onClick={() => setShown((n) => n + PAGE)}>
              {loading ? 'Loading…' : `Show ${Math.min(PAGE, totalCount - rows.length)} more`}
            </button>
          </div>
        )}
        </>
      )}
    </nav>
  );
}

/** Where she is among the searched words in the open document, and the buttons (F3, Shift+F3) to step through them across documents. */
function HitStepper({ search }: { search: LibrarySearch }) {
  const { hits, current } = search.inDocument;
  return (
    <div className="hit-stepper" role="group" aria-label="Search hits">
      <span className="hit-place" aria-live="polite">
        {hits.length === 0 ? 'No hit in this document' : current < 0 ? `${hits.length} hit${hits.length === 1 ? '' : 's'} here` : `Hit ${current + 1} of ${hits.length} here`}
      </span>
      <button type="button" className="button small" onClick={() => search.step(-1)} aria-label="Previous hit" title="Previous hit (Shift+F3)" aria-keyshortcuts="Shift+F3">
        ‹
      </button>
      <button type="button" className="button small" onClick={() => search.step(1)} aria-label="Next hit" title="Next hit, on into the next document (F3)" aria-keyshortcuts="F3">
        ›
      </button>
    </div>
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
