// The renderer's one store: what the library told us (labels, a page of document summaries,
// annotators, blind mode), the open document's rows and layers, and the notices on screen.
// Components read it through useStore (useSyncExternalStore); mutations write the rows the
// core returns into it, so nothing refetches a library-wide list after an edit. (Modelled on
// the Lexical playground's CommentStore / useCommentStore.)

import { useSyncExternalStore } from 'react';
import type { BlindState, DocumentLayers } from '../../../shared/layers';
import type { Annotation, Annotator, DocumentSummary, Label } from '../../../shared/types';
import type { Relation } from '../../../shared/claim-structure';

export interface Notice {
  id: number;
  message: string;
  tone: 'info' | 'error';
  /** When it was posted (ms since the epoch): its time on screen counts from here, wherever it is shown. */
  postedAt: number;
  /** Offers Undo; the action belongs to the view that posted it and leaves with that view. */
  undo?: () => void;
  /** Offers Retry, as `undo`. */
  retry?: () => void;
  /** Who posted it, so a view that closes can withdraw its actions. */
  owner?: string;
}

export interface NoticeOptions {
  undo?: () => void;
  retry?: () => void;
  owner?: string;
}

/** How long a notice stays up, from when it was posted; errors stay until dismissed. */
export const NOTICE_MS = { info: 4_000, undoable: 8_000 } as const;
/** Errors kept on screen at once (the oldest gives way); an info notice always replaces the one before it. */
export const ERRORS_SHOWN = 3;

export interface OpenDocument {
  documentId: string;
  /** Every row the core lets this analyst see, in reading order: hers and (unless blind) the others'. */
  annotations: Annotation[];
  /** The full list has arrived (the first rows come before the rest). */
  loaded: boolean;
  layers: DocumentLayers | null;
  /** Links from claims to their source and cue spans that this analyst may see (live ones only). */
  relations: Relation[];
  /** Bumped when rows arrive from outside the workbench (import, adjudication): views showing derived data reload. */
  revision: number;
}

export interface StoreState {
  me: Annotator | null;
  labels: Label[];
  /** The library list as loaded (a page of it, for large libraries); counts are the analyst's own. */
  documents: DocumentSummary[];
  /** Counts the times documents arrived in or left the library, so views that page it know to reload. */
  libraryVersion: number;
  annotators: Annotator[];
  blind: BlindState;
  open: OpenDocument | null;
  /** Other layers the analyst chose to show beside hers, by annotator id. */
  shownLayers: ReadonlySet<string>;
  /** On screen now, oldest first. Each is posted once and leaves on its own clock or when dismissed. */
  notices: readonly Notice[];
}

const byReadingOrder = (a: Annotation, b: Annotation) => a.start - b.start || b.end - a.end || a.createdAt.localeCompare(b.createdAt);

const INITIAL: StoreState = {
  me: null,
  labels: [],
  documents: [],
  libraryVersion: 0,
  annotators: [],
  blind: { library: false, documentIds: [] },
  open: null,
  shownLayers: new Set(),
  notices: [],
};

export class ClaimtagStore {
  private state: StoreState = INITIAL;
  private readonly listeners = new Set<() => void>();
  private noticeId = 0;
  /** Expiry timers of the notices on screen; a held notice (pointer or focus on it) has none. */
  private readonly noticeTimers = new Map<number, ReturnType<typeof setTimeout>>();

  /** `now` is the clock notices are timed by (tests pass their own). */
  constructor(private readonly now: () => number = Date.now) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): StoreState => this.state;

  private set(patch: Partial<StoreState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  private setOpen(documentId: string, change: (open: OpenDocument) => Partial<OpenDocument>): void {
    const open = this.state.open;
    if (!open || open.documentId !== documentId) return;
    this.set({ open: { ...open, ...change(open) } });
  }

  setMe(me: Annotator): void {
    this.set({ me, annotators: this.state.annotators.map((a) => (a.id === me.id ? me : a)) });
  }

  setLabels(labels: Label[]): void {
    this.set({ labels });
  }

  setDocuments(documents: DocumentSummary[]): void {
    this.set({ documents, libraryVersion: this.state.libraryVersion + 1 });
  }

  setAnnotators(annotators: Annotator[]): void {
    this.set({ annotators });
  }

  setBlind(blind: BlindState): void {
    this.set({ blind });
  }

  /** One document's summary as the core returned it (after marking done, renaming). */
  applySummary(summary: DocumentSummary): void {
    this.set({ documents: this.state.documents.map((d) => (d.id === summary.id ? summary : d)) });
  }

  removeDocument(id: string): void {
    this.set({ documents: this.state.documents.filter((d) => d.id !== id), libraryVersion: this.state.libraryVersion + 1 });
  }

  /** A new document is open: its rows and layers arrive next. */
  openDocument(documentId: string): void {
    if (this.state.open?.documentId === documentId) return;
    this.set({ open: { documentId, annotations: [], loaded: false, layers: null, relations: [], revision: 0 }, shownLayers: new Set() });
  }

  setAnnotations(documentId: string, annotations: Annotation[], loaded: boolean): void {
    this.setOpen(documentId, () => ({ annotations, loaded }));
  }

  setLayers(layers: DocumentLayers): void {
    this.setOpen(layers.documentId, () => ({ layers }));
  }

  setRelations(documentId: string, relations: Relation[]): void {
    this.setOpen(documentId, () => ({ relations: relations.filter((r) => !r.deletedAt) }));
  }

  /** A relation the core returned (made, or removed when it carries deletedAt). */
  applyRelation(r: Relation): void {
    this.setOpen(r.documentId, (open) => ({ relations: [...open.relations.filter((x) => x.id !== r.id), ...(r.deletedAt ? [] : [r])] }));
  }

  /** Rows arrived from outside the workbench: replace them and let derived views reload. */
  replaceFromOutside(documentId: string, annotations: Annotation[], layers: DocumentLayers): void {
    this.setOpen(documentId, (open) => ({ annotations, layers, loaded: true, revision: open.revision + 1 }));
  }

  /** A row the core returned (created, changed, restored): into the open document, and into her counts. */
  upsertAnnotation(a: Annotation): void {
    const open = this.state.open;
    if (!open || open.documentId !== a.documentId) return;
    const before = open.annotations.find((x) => x.id === a.id) ?? null;
    const annotations = [...open.annotations.filter((x) => x.id !== a.id), ...(a.deletedAt ? [] : [a])].sort(byReadingOrder);
    this.set({ open: { ...open, annotations } });
    this.countChange(before, a.deletedAt ? null : a);
  }

  /** A row the core deleted. */
  dropAnnotation(a: Annotation): void {
    const open = this.state.open;
    if (!open || open.documentId !== a.documentId) return;
    const before = open.annotations.find((x) => x.id === a.id) ?? null;
    this.set({ open: { ...open, annotations: open.annotations.filter((x) => x.id !== a.id) } });
    this.countChange(before, null);
  }

  /** Keeps the library's and the layer's counts of her own rows in step with one row's change. */
  private countChange(before: Annotation | null, after: Annotation | null): void {
    const me = this.state.me;
    const row = after ?? before;
    if (!me || !row || row.annotatorId !== me.id) return;
    const delta = new Map<string, number>();
    if (before) delta.set(before.labelId, (delta.get(before.labelId) ?? 0) - 1);
    if (after) delta.set(after.labelId, (delta.get(after.labelId) ?? 0) + 1);
    const documents = this.state.documents.map((d) => {
      if (d.id !== row.documentId) return d;
      const counts = { ...d.counts };
      for (const [label, n] of delta) {
        const next = (counts[label] ?? 0) + n;
        if (next > 0) counts[label] = next;
        else delete counts[label];
      }
      return { ...d, counts };
    });
    const open = this.state.open;
    const net = (after ? 1 : 0) - (before ? 1 : 0);
    const layers = open?.layers && net !== 0 ? { ...open.layers, layers: open.layers.layers.map((l) => (l.kind === 'mine' ? { ...l, count: l.count + net } : l)) } : open?.layers;
    this.set({ documents, ...(open && layers !== open.layers ? { open: { ...open, layers: layers ?? null } } : {}) });
  }

  toggleLayer(annotatorId: string, shown: boolean): void {
    const next = new Set(this.state.shownLayers);
    if (shown) next.add(annotatorId);
    else next.delete(annotatorId);
    this.set({ shownLayers: next });
  }

  /** Posts a notice once; info notices leave by themselves, errors stay until dismissed. Returns its id. */
  notify(message: string, tone: Notice['tone'] = 'info', options: NoticeOptions = {}): number {
    const notice: Notice = { id: ++this.noticeId, message, tone, postedAt: this.now(), ...options };
    // The same words again replace the notice that says them (one on screen, on the new clock).
    const same = this.state.notices.filter((n) => n.tone === tone && n.message === message);
    const others = this.state.notices.filter((n) => !same.includes(n) && (tone === 'error' ? n.tone === 'error' : n.tone !== 'error'));
    const gone = [...same, ...(tone === 'error' ? others.slice(0, Math.max(0, others.length - ERRORS_SHOWN + 1)) : others)];
    for (const n of gone) this.clearTimer(n.id);
    this.set({ notices: [...this.state.notices.filter((n) => !gone.includes(n)), notice] });
    this.schedule(notice);
    return notice.id;
  }

  /** Removes one notice (or, without an id, the newest). */
  dismissNotice = (id?: number): void => {
    const target = id ?? this.state.notices.at(-1)?.id;
    if (target === undefined || !this.state.notices.some((n) => n.id === target)) return;
    this.clearTimer(target);
    this.set({ notices: this.state.notices.filter((n) => n.id !== target) });
  };

  /** The pointer or focus rests on a notice: it stays while she reads it. */
  holdNotice = (id: number): void => this.clearTimer(id);

  /** She moved on: the notice leaves when its time is up, and not sooner than a moment from now. */
  releaseNotice = (id: number): void => {
    const notice = this.state.notices.find((n) => n.id === id);
    if (notice && !this.noticeTimers.has(id)) this.schedule(notice, 1_500);
  };

  /** The view that posted notices closed: its Undo/Retry buttons go, the messages keep their time. */
  withdrawActions(owner: string): void {
    if (!this.state.notices.some((n) => n.owner === owner && (n.undo || n.retry))) return;
    this.set({ notices: this.state.notices.map((n) => (n.owner === owner ? { ...n, undo: undefined, retry: undefined } : n)) });
  }

  private schedule(notice: Notice, atLeast = 0): void {
    if (notice.tone === 'error') return;
    const life = notice.undo ? NOTICE_MS.undoable : NOTICE_MS.info;
    const left = Math.max(atLeast, notice.postedAt + life - this.now());
    this.noticeTimers.set(notice.id, setTimeout(() => this.dismissNotice(notice.id), left));
  }

  private clearTimer(id: number): void {
    clearTimeout(this.noticeTimers.get(id));
    this.noticeTimers.delete(id);
  }
}

/** Reads a slice of the store; re-renders only when that slice changes (by identity). */
export function useStore<T>(store: ClaimtagStore, select: (state: StoreState) => T): T {
  return useSyncExternalStore(store.subscribe, () => select(store.getSnapshot()));
}
