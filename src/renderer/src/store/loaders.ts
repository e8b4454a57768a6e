// The few moments the renderer asks the library for lists: opening the library, and rows that
// arrived from outside the workbench (an import, an adjudication, a revealed blind layer).
// Edits made in the workbench never come through here: the store applies the rows they return.

import type { ClaimtagApi } from '../../../shared/contract';
import type { ClaimtagStore } from './claimtag-store';

/** The library list, tag set, annotators and blind mode: at start, and after an import changed them. */
export async function loadLibrary(api: ClaimtagApi, store: ClaimtagStore): Promise<void> {
  const [documents, labels, annotators, blind] = await Promise.all([api.listDocuments({}), api.listLabels({}), api.listAnnotators({}), api.getBlindMode({})]);
  if (documents.ok) store.setDocuments(documents.value);
  if (labels.ok) store.setLabels(labels.value);
  if (annotators.ok) store.setAnnotators(annotators.value);
  if (blind.ok) store.setBlind(blind.value);
}

/** The open document's layers (who is here, whether blind mode hides them). */
export async function loadLayers(api: ClaimtagApi, store: ClaimtagStore, documentId: string): Promise<void> {
  const layers = await api.documentLayers({ documentId });
  if (layers.ok) store.setLayers(layers.value);
}

/** The open document's links from claims to their sources and cues (#20). */
export async function loadRelations(api: ClaimtagApi, store: ClaimtagStore, documentId: string): Promise<void> {
  const relations = await api.listRelations({ documentId });
  if (relations.ok) store.setRelations(documentId, relations.value);
}

/** Rows of the open document changed outside the workbench: fetch them and its layers again, without reopening. */
export async function reloadOpenDocument(api: ClaimtagApi, store: ClaimtagStore): Promise<void> {
  const documentId = store.getSnapshot().open?.documentId;
  if (!documentId) return;
  const [annotations, layers] = await Promise.all([api.listAnnotations({ documentId }), api.documentLayers({ documentId })]);
  if (annotations.ok && layers.ok) store.replaceFromOutside(documentId, annotations.value, layers.value);
  await loadRelations(api, store, documentId);
}
