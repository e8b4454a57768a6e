import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { ClaimtagApi } from '../../../shared/contract';
import type { Result } from '../../../shared/result';
import type { Annotation, DocumentRecord } from '../../../shared/types';
import { HEAD_LIMIT, openingRequests, takeWorkbench } from './workbench-prefetch';
import { AnnotationHistory, describeAction, type ActionNames, type AnnotationAction, type AnnotationFields } from './annotation-history';
import { useStore, type ClaimtagStore, type Notice } from '../store/claimtag-store';
import { loadLayers, loadRelations } from '../store/loaders';

export type { Notice } from '../store/claimtag-store';

export type SaveState = { status: 'saved' | 'saving' } | { status: 'error'; message: string };

const byReadingOrder = (a: Annotation, b: Annotation) => a.start - b.start || b.end - a.end || a.createdAt.localeCompare(b.createdAt);

/**
 * The open document's annotations, kept in the store; every change is saved through the API
 * before it enters the store (a new tag is only painted provisionally meanwhile). Changes,
 * undo and counts are the current analyst's own; others' rows are shown, never changed.
 */
export function useWorkbench(api: ClaimtagApi, store: ClaimtagStore, document: DocumentRecord) {
  const labels = useStore(store, (s) => s.labels);
  const open = useStore(store, (s) => s.open);
  const me = useStore(store, (s) => s.me);
  const annotations = useMemo(() => (open?.documentId === document.id ? open.annotations : []), [open, document.id]);
  const loaded = open?.documentId === document.id && open.loaded;
  const mine = useMemo(() => annotations.filter((a) => a.annotatorId === me?.id), [annotations, me]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [save, setSave] = useState<SaveState>({ status: 'saved' });
  const history = useRef(new AnnotationHistory());
  const [historyFlags, setHistoryFlags] = useState({ canUndo: false, canRedo: false });
  const syncHistory = useCallback(
    () => setHistoryFlags({ canUndo: history.current.canUndo, canRedo: history.current.canRedo }),
    [],
  );
  const pending = useRef(0);

  // Undo and Retry on a notice run this workbench's latest handlers; they leave with the workbench.
  const owner = useId();
  const actions = useRef({ undo: () => {}, retry: () => {} });
  useEffect(() => () => store.withdrawActions(owner), [store, owner]);
  const notify = useCallback(
    (message: string, tone: Notice['tone'] = 'info', undoable = false, retryable = false) =>
      void store.notify(message, tone, {
        owner,
        ...(undoable ? { undo: () => actions.current.undo() } : {}),
        ...(retryable ? { retry: () => actions.current.retry() } : {}),
      }),
    [store, owner],
  );

  /** Runs one API call with the save indicator; returns the value, or null after reporting the error. */
  /** Changes that failed for a reason that may pass (disk full, storage): they wait here for Retry. */
  const waitingForRetry = useRef<Array<() => void>>([]);
  const [retryable, setRetryable] = useState(false);

  const retry = useCallback(() => {
    const waiting = waitingForRetry.current;
    waitingForRetry.current = [];
    setRetryable(false);
    waiting.forEach((resume) => resume());
  }, []);

  /**
   * Runs one API call with the save indicator; returns the value, or null after reporting
   * the error. A change refused for a passing reason (a full disk) is kept in memory and
   * tried again when the analyst presses Retry; earlier saved work is never touched.
   */
  const persist = useCallback(
    async <T,>(run: () => Promise<Result<T>>): Promise<T | null> => {
      pending.current++;
      setSave({ status: 'saving' });
      try {
        for (;;) {
          let error: { code: string; message: string };
          try {
            const result = await run();
            if (result.ok) {
              if (pending.current === 1) setSave({ status: 'saved' });
              return result.value;
            }
            error = result.error;
          } catch {
            error = { code: 'storage', message: 'claimtag could not reach its library. Your earlier work is safe.' };
          }
          if (error.code === 'forbidden') {
            // Refused by an ownership rule: nothing was to be saved, so the save state stays as it was.
            if (pending.current === 1) setSave({ status: 'saved' });
            notify(error.message, 'error');
            return null;
          }
          const passing = error.code === 'disk-full' || error.code === 'storage' || error.code === 'internal';
          setSave({ status: 'error', message: error.message });
          notify(passing ? `${error.message} The change is kept until you press Retry.` : error.message, 'error', false, passing);
          if (!passing) return null;
          await new Promise<void>((resume) => {
            waitingForRetry.current.push(resume);
            setRetryable(true);
          });
          setSave({ status: 'saving' });
        }
      } finally {
        pending.current--;
      }
    },
    [notify],
  );

  const [generation, setGeneration] = useState(0);
  /** Changes made before the full list arrived (applied over it): by id, null = deleted. */
  const changedWhileLoading = useRef<Map<string, Annotation | null> | null>(null);

  useEffect(() => {
    let live = true;
    // Labels are set as soon as they arrive (tag keys work from then on). Annotations come in
    // two steps: the first ones in reading order (what the first screen shows), then all.
    const requests = generation === 0 ? takeWorkbench(api, document.id) : openingRequests(api, document.id);
    store.openDocument(document.id);
    changedWhileLoading.current = new Map();
    void requests.labels.then((l) => {
      if (!live) return;
      if (l.ok) store.setLabels(l.value);
      else notify(l.error.message, 'error');
    });
    const finish = (a: Awaited<typeof requests.head>) => {
      if (!live) return;
      const changed = changedWhileLoading.current;
      changedWhileLoading.current = null;
      if (a.ok) store.setAnnotations(document.id, changed && changed.size > 0 ? applyChanges(a.value, changed) : a.value, true);
      else {
        notify(a.error.message, 'error');
        store.setAnnotations(document.id, [], true);
      }
    };
    void requests.head.then((head) => {
      if (!live) return;
      if (!head.ok || head.value.length < HEAD_LIMIT) return finish(head);
      store.setAnnotations(document.id, head.value, false);
      void api.listAnnotations({ documentId: document.id }).then(finish);
    });
    void loadLayers(api, store, document.id);
    void loadRelations(api, store, document.id);
    if (generation === 0) void api.rememberOpenDocument({ id: document.id });
    return () => {
      live = false;
    };
  }, [api, store, document.id, notify, generation]);

  const upsert = useCallback(
    (a: Annotation) => {
      changedWhileLoading.current?.set(a.id, a);
      store.upsertAnnotation(a);
    },
    [store],
  );
  const drop = useCallback(
    (a: Annotation) => {
      changedWhileLoading.current?.set(a.id, null);
      store.dropAnnotation(a);
    },
    [store],
  );

  const record = useCallback(
    (action: AnnotationAction) => {
      history.current.record(action);
      syncHistory();
    },
    [syncHistory],
  );

  const create = useCallback(
    async (labelId: string, start: number, end: number) => {
      const duplicate = mine.find((a) => a.start === start && a.end === end && a.labelId === labelId);
      if (duplicate) {
        setSelectedId(duplicate.id);
        notify('That span already has this label.');
        return null;
      }
      const created = await persist(() => api.createAnnotation({ documentId: document.id, labelId, start, end }));
      if (!created) return null;
      upsert(created);
      setSelectedId(created.id);
      record({ kind: 'create', annotation: created });
      return created;
    },
    [mine, api, document.id, notify, persist, record, upsert],
  );

  /** Copies a colleague's or the reference's annotation into her own layer (undo removes the copy). */
  const copyToMine = useCallback(
    async (id: string) => {
      const source = annotations.find((a) => a.id === id);
      if (!source) return null;
      if (source.annotatorId === me?.id) {
        notify('This annotation is already yours.');
        return source;
      }
      const existed = mine.find((a) => a.start === source.start && a.end === source.end && a.labelId === source.labelId);
      const copy = await persist(() => api.copyAnnotationToMine({ id }));
      if (!copy) return null;
      upsert(copy);
      setSelectedId(copy.id);
      if (!existed) {
        record({ kind: 'create', annotation: copy });
        notify(`Copied ${source.annotatorName}'s “${clip(source.quote, 40)}” to your work.`, 'info', true);
      } else notify('You already have this annotation; it is selected.');
      return copy;
    },
    [annotations, mine, me, api, notify, persist, record, upsert],
  );

  const update = useCallback(
    async (id: string, after: AnnotationFields) => {
      const current = annotations.find((a) => a.id === id);
      if (!current) return;
      const before: AnnotationFields = {};
      for (const key of Object.keys(after) as Array<keyof AnnotationFields>) Object.assign(before, { [key]: current[key] });
      const updated = await persist(() => api.updateAnnotation({ id, ...after }));
      if (!updated) return;
      upsert(updated);
      record({ kind: 'update', id, before, after });
    },
    [annotations, api, persist, record, upsert],
  );

  const remove = useCallback(
    async (id: string) => {
      const current = annotations.find((a) => a.id === id);
      if (!current) return;
      const deleted = await persist(() => api.deleteAnnotation({ id }));
      if (!deleted) return;
      drop(deleted);
      setSelectedId((s) => (s === id ? null : s));
      record({ kind: 'delete', annotation: current });
      notify(`Deleted “${clip(current.quote)}”.`, 'info', true);
    },
    [annotations, api, notify, persist, record, drop],
  );

  const replay = useCallback(
    async (action: AnnotationAction, direction: 'undo' | 'redo') => {
      if (action.kind === 'link' || action.kind === 'unlink') {
        // Links (#20): a span marked with its link goes and comes back with it; otherwise the link alone.
        const linked = (action.kind === 'link') === (direction === 'redo');
        if (action.kind === 'link' && action.madeTarget) {
          const id = action.target.id;
          const row = await persist(() => (linked ? api.restoreAnnotation({ id }) : api.deleteAnnotation({ id })));
          if (row) (linked ? upsert : drop)(row);
          return row !== null;
        }
        if (linked) {
          const made = await persist(() => api.linkClaim({ claimId: action.relation.claimId, targetId: action.target.id }));
          if (made) {
            action.relation = made.relation;
            store.applyRelation(made.relation);
            setSelectedId(made.relation.claimId);
          }
          return made !== null;
        }
        const removed = await persist(() => api.unlinkClaim({ id: action.relation.id }));
        if (removed) store.applyRelation({ ...removed, deletedAt: removed.deletedAt ?? new Date().toISOString() });
        return removed !== null;
      }
      if (action.kind === 'attributes') {
        const updated = await persist(() => api.setAnnotationAttributes({ id: action.id, values: direction === 'undo' ? action.before : action.after }));
        if (updated) {
          upsert(updated);
          setSelectedId(updated.id);
        }
        return updated !== null;
      }
      if (action.kind === 'update') {
        const fields = direction === 'undo' ? action.before : action.after;
        const updated = await persist(() => api.updateAnnotation({ id: action.id, ...fields }));
        if (updated) {
          upsert(updated);
          setSelectedId(updated.id);
        }
        return updated !== null;
      }
      const id = action.annotation.id;
      const revive = action.kind === 'create' ? direction === 'redo' : direction === 'undo';
      if (revive) {
        const restored = await persist(() => api.restoreAnnotation({ id }));
        if (restored) {
          upsert(restored);
          setSelectedId(id);
        }
        return restored !== null;
      }
      const deleted = await persist(() => api.deleteAnnotation({ id }));
      if (deleted) {
        drop(deleted);
        setSelectedId((s) => (s === id ? null : s));
      }
      return deleted !== null;
    },
    [api, persist, upsert, drop, store],
  );

  /** Label names and quotes for the undo and redo notices (read when the notice is written). */
  const names = useRef<ActionNames>({ label: (id) => id, quote: () => null });
  useEffect(() => {
    names.current = {
      label: (id) => labels.find((l) => l.id === id)?.name ?? id,
      quote: (id) => annotations.find((a) => a.id === id)?.quote ?? null,
    };
  });

  const undo = useCallback(async () => {
    const action = history.current.peekUndo();
    if (!action) return notify('Nothing to undo.');
    if (await replay(action, 'undo')) {
      history.current.commitUndo();
      syncHistory();
      notify(`Undid: ${describeAction(action, names.current)}.`);
    }
  }, [notify, replay, syncHistory]);

  const redo = useCallback(async () => {
    const action = history.current.peekRedo();
    if (!action) return notify('Nothing to redo.');
    if (await replay(action, 'redo')) {
      history.current.commitRedo();
      syncHistory();
      notify(`Redid: ${describeAction(action, names.current)}.`);
    }
  }, [notify, replay, syncHistory]);

  const selected = useMemo(() => annotations.find((a) => a.id === selectedId) ?? null, [annotations, selectedId]);

  useEffect(() => {
    actions.current = { undo: () => void undo(), retry };
  });

  return {
    labels,
    /** Every row shown to her (hers and others'); `mine` is what her list, keys and figures use. */
    annotations,
    mine,
    layers: open?.documentId === document.id ? open.layers : null,
    loaded,
    selected,
    select: setSelectedId,
    notify,
    /** Runs one API call with the save indicator and the shared error handling (see above). */
    persist,
    /** Puts a row the core returned into the store. */
    upsert,
    /** Records an action for undo (structure changes made outside this hook). */
    record,
    copyToMine,
    /** A change is waiting for Retry (e.g. after the disk was full). */
    retryable,
    retry,
    /** Reloads labels and annotations (after the tag set changed, e.g. a merge). */
    reload: () => setGeneration((g) => g + 1),
    save,
    create,
    update,
    remove,
    undo,
    redo,
    canUndo: historyFlags.canUndo,
    canRedo: historyFlags.canRedo,
  };
}

export const clip = (s: string, n = 60): string => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s);

/** The full list with the changes made while it was loading applied over it. */
function applyChanges(full: Annotation[], changed: Map<string, Annotation | null>): Annotation[] {
  const kept = full.filter((a) => !changed.has(a.id));
  for (const a of changed.values()) if (a) kept.push(a);
  return kept.sort(byReadingOrder);
}
