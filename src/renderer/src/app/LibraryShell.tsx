import { useCallback, useEffect, useState } from 'react';
import type { ClaimtagApi } from '../../../shared/contract';
import { ARTICLE_EXTENSIONS_SHOWN } from '../../../shared/article-formats';
import type { Annotator, DocumentRecord, DocumentSummary } from '../../../shared/types';
import { ExportDialog } from '../export/ExportDialog';
import { LibraryPanel } from '../library/LibraryPanel';
import { DeleteDialog, ImportSummaryDialog, PasteDialog, RenameDialog } from '../library/LibraryDialogs';
import { JobProgress } from '../chrome/JobProgress';
import { useImporter, type ImportRow } from '../library/use-importer';
import { useLibrarySearch } from '../library/use-library-search';
import { prefetchWorkbench } from '../workbench/workbench-prefetch';
import { Workbench } from '../workbench/Workbench';
import { CompareView } from '../compare/CompareView';
import { StudyDashboard } from '../study/StudyDashboard';
import { TeamPanel } from '../team/TeamPanel';
import { NoticeHost } from '../chrome/NoticeHost';
import { useCommands } from '../commands/use-commands';
import { useStore, type ClaimtagStore } from '../store/claimtag-store';
import { loadLibrary, reloadOpenDocument } from '../store/loaders';

interface Props {
  api: ClaimtagApi;
  store: ClaimtagStore;
  initialDocument: DocumentRecord;
  annotator: Annotator;
  dataDir: string;
  onRenameAnnotator(): void;
}

type Modal =
  | { kind: 'rename'; doc: DocumentSummary }
  | { kind: 'delete'; doc: DocumentSummary; othersWork?: string }
  | { kind: 'paste' }
  | { kind: 'export' }
  | { kind: 'team' }
  | null;

/** The library around the workbench: documents, import (dialog, drop, paste), export. */
/** The background check runs about 2 s after the library opens; look a little later, then now and then. */
const NOTICE_FIRST_CHECK_MS = 4_000;
const NOTICE_CHECK_EVERY_MS = 30_000;

export function LibraryShell({ api, store, initialDocument, annotator, dataDir, onRenameAnnotator }: Props) {
  const [document, setDocument] = useState(initialDocument);
  const [jumpTo, setJumpTo] = useState<number | null>(null);
  const documents = useStore(store, (s) => s.documents);
  const libraryVersion = useStore(store, (s) => s.libraryVersion);
  const openRevision = useStore(store, (s) => s.open?.revision ?? 0);
  const labels = useStore(store, (s) => s.labels);
  const [modal, setModal] = useState<Modal>(null);
  const [dragging, setDragging] = useState(false);
  /** Posts a notice once into the window's one notice list (shown by NoticeHost below). */
  const say = useCallback((text: string, tone: 'info' | 'error' = 'info') => void store.notify(text, tone), [store]);

  // What the background checks found (a backup that failed verification, damage in the
  // library file): shown as an error notice that stays until dismissed.
  useEffect(() => {
    let stopped = false;
    const take = async () => {
      const r = await api.takeLibraryNotices({});
      if (!stopped && r.ok && r.value.length) say(r.value.map((n) => n.message).join(' '), 'error');
    };
    const first = setTimeout(() => void take(), NOTICE_FIRST_CHECK_MS);
    const every = setInterval(() => void take(), NOTICE_CHECK_EVERY_MS);
    const onFocus = () => void take();
    window.addEventListener('focus', onFocus);
    return () => {
      stopped = true;
      clearTimeout(first);
      clearInterval(every);
      window.removeEventListener('focus', onFocus);
    };
  }, [api, say]);

  /** The library's lists, at start and after work arrived from outside (an import, a merge of labels). */
  const refresh = useCallback(() => loadLibrary(api, store), [api, store]);
  /** Work arrived from outside: the library's lists and the open document's rows, without reopening it. */
  const refreshAll = useCallback(() => Promise.all([refresh(), reloadOpenDocument(api, store)]), [api, store, refresh]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const open = useCallback(
    async (id: string, offset: number | null = null) => {
      // Asked for second, so the library serves the text first and the annotations meanwhile.
      const loading = api.getDocument({ id });
      prefetchWorkbench(api, id);
      const r = await loading;
      if (!r.ok) return say(r.error.message, 'error');
      setDocument(r.value);
      setJumpTo(offset);
    },
    [api, say],
  );

  const search = useLibrarySearch(api, document, (id) => void open(id));

  const onImported = useCallback(
    (rows: ImportRow[]) => {
      if (rows.some((r) => r.ok)) void refreshAll();
      const articles = rows.flatMap((r) => (r.ok && r.value.kind === 'article' ? [r.value] : []));
      if (articles.length > 0) void open(articles[articles.length - 1].documentId);
    },
    [open, refreshAll],
  );
  const importer = useImporter(api, onImported);
  const [comparing, setComparing] = useState(false);
  const [studying, setStudying] = useState(false);
  /** Counts team syncs that brought colleagues' work: the open document is shown afresh after each. */
  const [teamArrivals, setTeamArrivals] = useState(0);

  useCommands({
    import: () => void importer.importFromDialog(),
    paste: () => setModal({ kind: 'paste' }),
    export: () => setModal({ kind: 'export' }),
    compare: () => setComparing(true),
    studies: () => setStudying(true),
  });

  const dropHandlers = {
    onDragOver: (e: React.DragEvent) => {
      if (!e.dataTransfer.types.includes('Files')) return;
      e.preventDefault();
      setDragging(true);
    },
    onDragLeave: (e: React.DragEvent) => {
      if (e.currentTarget === e.target) setDragging(false);
    },
    onDrop: (e: React.DragEvent) => {
      if (!e.dataTransfer.files.length) return;
      e.preventDefault();
      setDragging(false);
      void importer.importDropped(Array.from(e.dataTransfer.files));
    },
  };

  const libraryPanel = (
    <LibraryPanel
      api={api}
      documents={documents}
      libraryVersion={libraryVersion}
      labels={labels}
      currentId={document.id}
      search={search}
      me={annotator.name}
      onOpen={(id, offset) => {
        search.openedAt(id, offset ?? null);
        void open(id, offset);
      }}
      onImport={() => void importer.importFromDialog()}
      onPaste={() => setModal({ kind: 'paste' })}
      onRename={(doc) => setModal({ kind: 'rename', doc })}
      onDelete={(doc) => setModal({ kind: 'delete', doc })}
      onStudies={() => setStudying(true)}
      onTeam={() => setModal({ kind: 'team' })}
    />
  );

  return (
    <div className="shell" {...dropHandlers}>
      {studying ? (
        <StudyDashboard
          api={api}
          onClose={() => setStudying(false)}
          onOpenDocument={(id, compare) => {
            setStudying(false);
            setComparing(compare);
            void open(id);
          }}
        />
      ) : comparing ? (
        <div className="compare-shell">
          {libraryPanel}
          <CompareView
            key={document.id}
            api={api}
            document={document}
            revision={openRevision}
            onClose={() => {
              setComparing(false);
              // Adjudication wrote the reference version: the open document shows it without reopening.
              void refreshAll();
            }}
          />
        </div>
      ) : (
      <Workbench
        key={`${document.id}#${teamArrivals}`}
        api={api}
        store={store}
        document={document}
        jumpTo={jumpTo}
        libraryHits={search.inDocument}
        onStepHit={search.step}
        annotator={annotator}
        dataDir={dataDir}
        onRenameAnnotator={onRenameAnnotator}
        onExport={() => setModal({ kind: 'export' })}
        onCompare={() => setComparing(true)}
        done={documents.find((d) => d.id === document.id)?.doneBy.includes(annotator.name) ?? false}
        onToggleDone={async (done) => {
          const r = await api.setDocumentDone({ documentId: document.id, done });
          if (!r.ok) return say(r.error.message, 'error');
          store.applySummary(r.value);
          // Blind mode reveals (or hides again) the other layers with her done mark.
          if (store.getSnapshot().open?.layers?.blind) await reloadOpenDocument(api, store);
          say(done ? `Marked “${document.title}” as done.` : `“${document.title}” is no longer marked done.`);
        }}
        onBlind={async (scope, on) => {
          // The box shows the choice at once; the core's answer then confirms it (or puts it back).
          const before = store.getSnapshot().blind;
          const ids = before.documentIds.filter((id) => id !== document.id);
          store.setBlind(scope === 'document' ? { ...before, documentIds: on ? [...ids, document.id] : ids } : { ...before, library: on });
          const r = await api.setBlindMode(scope === 'document' ? { documentId: document.id, on } : { on });
          if (!r.ok) {
            store.setBlind(before);
            return say(r.error.message, 'error');
          }
          store.setBlind(r.value);
          await reloadOpenDocument(api, store);
          say(on ? `Blind mode is on for ${scope === 'document' ? 'this document' : 'every document'}: other analysts’ work stays hidden until you mark a document done.` : `Blind mode is off for ${scope === 'document' ? 'this document' : 'the library'}.`);
        }}
        onLabelsRemoved={() => void refresh()}
        library={libraryPanel}
      />
      )}
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          <p>Drop articles ({ARTICLE_EXTENSIONS_SHOWN}) or annotation files to import</p>
        </div>
      )}
      <NoticeHost store={store} />
      <JobProgress api={api} files={importer.progress && { index: importer.progress.done + 1, total: importer.progress.total, current: importer.progress.current }} onCancel={importer.progress ? importer.cancel : undefined} />
      {importer.lastRun && !importer.progress && (
        <ImportSummaryDialog
          run={importer.lastRun}
          onClose={importer.dismissRun}
          onRetry={() => {
            const files = importer.lastRun!.retryable;
            importer.dismissRun();
            void importer.retryWithReplacement(files);
          }}
          onRetryNames={(file, arriving) => {
            importer.dismissRun();
            void importer.retryWithNames(file, arriving);
          }}
        />
      )}
      {modal?.kind === 'paste' && (
        <PasteDialog
          onClose={() => setModal(null)}
          onPaste={(content) => {
            setModal(null);
            void importer.importPasted(content);
          }}
        />
      )}
      {modal?.kind === 'rename' && (
        <RenameDialog
          doc={modal.doc}
          onClose={() => setModal(null)}
          onSave={async (title) => {
            const r = await api.renameDocument({ id: modal.doc.id, title });
            if (!r.ok) return r.error.message;
            if (r.value.id === document.id) setDocument(r.value);
            store.applySummary({ ...modal.doc, title: r.value.title });
            return null;
          }}
        />
      )}
      {modal?.kind === 'delete' && (
        <DeleteDialog
          doc={modal.doc}
          othersWork={modal.othersWork}
          onClose={() => setModal(null)}
          onConfirm={async () => {
            const r = await api.deleteDocument({ id: modal.doc.id, ...(modal.othersWork ? { includingOthers: true } : {}) });
            // Other analysts' work goes only once she has read whose it is and confirmed.
            if (!r.ok && r.error.reason === 'others-work') return setModal({ ...modal, othersWork: r.error.message });
            setModal(null);
            if (!r.ok) return say(r.error.message, 'error');
            say(`Deleted “${modal.doc.title}” and ${r.value.annotationsDeleted} annotations.`);
            const rest = documents.filter((d) => d.id !== modal.doc.id);
            store.removeDocument(modal.doc.id);
            if (modal.doc.id === document.id) {
              if (rest.length) void open(rest[0].id);
              else {
                const s = await api.getStartupState({});
                if (s.ok && s.value.initialDocumentId) void open(s.value.initialDocumentId);
              }
            }
          }}
        />
      )}
      {modal?.kind === 'team' && <TeamPanel
          api={api}
          onClose={() => setModal(null)}
          onSynced={(arrived) => {
            void refresh();
            if (arrived) setTeamArrivals((n) => n + 1);
          }}
        />}
      {modal?.kind === 'export' && <ExportDialog api={api} document={document} onClose={() => setModal(null)} onDone={say} />}
    </div>
  );
}
