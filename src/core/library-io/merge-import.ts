import { firstFreeKey, isHexColor, newLabelColor } from '../../shared/label-rules';
import { importedLabelIdProblem } from '../../shared/label-id';
import { AppFailure, type AppError } from '../../shared/result';
import type { Annotator, Block, Label } from '../../shared/types';
import type { ParsedImport, RejectedItem } from '../interchange/types';
import type { Library } from '../store/library';
import { sha256Of } from '../store/documents-repo';
import { contextAfter, contextBefore } from '../store/annotations-repo';
import type { SimilarDocument } from '../../shared/similar-document';
import { findReferenceAnnotator } from '../compare/reference';
import { reanchor } from './reanchor';
import { arriving, fingerprintMissing, mostSimilarDocument } from './similar-documents';
import { textChanges } from './text-difference';
import { checkAttributeDefinitions, checkAttributeValues, valuesThatStillHold } from '../../shared/attribute-rules';
import { ATTRIBUTE_LIMITS, type AttributeValues } from '../../shared/claim-structure';
import { newId } from '../store/ids';
import type { JobControl } from '../jobs/job-runner';

export interface MergeOptions {
  /** Arriving annotator name → the name to file their work under. */
  renameAnnotators?: Readonly<Record<string, string>>;
  /** Treat an arriving annotator whose name matches a local one as the same person. */
  mergeSameNames?: boolean;
  /** The analyst using this library: arriving work never joins her layer unless `intoMine`. */
  me?: Annotator | null;
  /** She agrees that arriving rows filed under her identity join her own layer. */
  intoMine?: boolean;
  /** Arriving documents similar to one of ours are added as separate documents (asked first otherwise). */
  similar?: 'separate';
  /** Arriving document ref → our document to map its annotations onto (strictly; see reanchor). */
  mapOnto?: Readonly<Record<string, string>>;
  /** Leave out (and report) annotations with an unusable label id instead of refusing the file. */
  partial?: boolean;
  /** A long import's job (issue #14): progress per row written, and a cancel seen between rows (the transaction rolls back). */
  job?: Pick<JobControl, 'progress' | 'check'>;
}

/** Rows between two progress reports and cancel checks. */
const ROWS_PER_STEP = 500;

/** The rename asked for `name`, read as an own key only (a name like "constructor" is data, not a method). */
const renamedTo = (options: MergeOptions, name: string): string | undefined =>
  options.renameAnnotators && Object.hasOwn(options.renameAnnotators, name) ? options.renameAnnotators[name] : undefined;

/** Annotations whose label id cannot be kept (whatever format they came in), with the reason. */
function unusableLabels(parsed: ParsedImport): Map<string, string> {
  const problems = new Map<string, string>();
  for (const id of new Set([...parsed.labels.map((l) => l.id), ...parsed.annotations.map((a) => a.label)])) {
    const problem = importedLabelIdProblem(id);
    if (problem) problems.set(id, problem);
  }
  return problems;
}

export interface MergeReport {
  /** `reanchored`: mapped, at the analyst's word, onto our different copy; its annotations were placed by quote and context. */
  documents: Array<{ ref: string; id: string; title: string; existed: boolean; reanchored?: boolean }>;
  /** Annotations of mapped documents placed on our copy of the text, and those that could not be placed (also in `rejected`). */
  reanchored: number;
  unanchored: number;
  annotators: Array<{ name: string; id: string; status: 'new' | 'known' }>;
  labelsAdded: string[];
  annotationsAdded: number;
  /** Already present with the same span, label and annotator. */
  annotationsUnchanged: number;
  /** Links between claims and their sources or cues (#20): added, and already present. */
  relationsAdded: number;
  relationsUnchanged: number;
  /** Attributes the file's labels define that labels here lacked, added to them ("Fact: Verdict"). */
  attributesAdded: string[];
  rejected: RejectedItem[];
}


/** Who is arriving with an import, before anything is written: lets the user rename. */
export function arrivingAnnotators(library: Library, parsed: ParsedImport): Array<{ name: string; clash: boolean; known: boolean }> {
  const names = new Map<string, string | undefined>();
  for (const a of parsed.annotations) if (!names.has(a.annotator)) names.set(a.annotator, a.annotatorId);
  return [...names].map(([name, id]) => {
    const known = id ? library.annotators.find(id) !== null : false;
    // Only someone with an id from another library can be a different person: an arriving name
    // without an id (hand-written JSON, brat/doccano with --annotator) is matched by that name.
    const clash = Boolean(id) && !known && library.annotators.findByName(name).length > 0;
    return { name, clash, known };
  });
}

/**
 * Writes a parsed import into the library in one transaction: documents matched by
 * content hash, annotators by id (or explicitly by name), missing labels added and
 * reported, exact duplicates skipped. Any failure leaves the library as it was.
 * Refused (nothing written): an annotator giving the current analyst's id under another name;
 * rows that would join her layer without `intoMine`, or the reference outside adjudication;
 * a document similar to one of ours unless the analyst chose to keep it apart or map it.
 * A mapped document's annotations that cannot be placed without guessing are listed, not written.
 */
export function mergeImport(library: Library, parsed: ParsedImport, options: MergeOptions = {}): MergeReport {
  const me = options.me ?? null;
  const forged = me ? [...new Set(parsed.annotations.filter((a) => a.annotatorId === me.id && a.annotator !== me.name).map((a) => a.annotator))] : [];
  if (forged.length) {
    throw AppFailure.forbidden(
      'forged-identity',
      `The file files work by ${forged.map((n) => `"${n}"`).join(', ')} under your own identity (${me!.name}). claimtag will not import it; ask for a fresh export of their work.`,
      forged,
    );
  }
  const clashes = arrivingAnnotators(library, parsed).filter((a) => a.clash && !renamedTo(options, a.name) && !options.mergeSameNames);
  if (clashes.length) {
    throw new AppFailure({
      code: 'conflict',
      reason: 'name-clash',
      message: `This library already has ${clashes.map((c) => `"${c.name}"`).join(', ')}, but the file's work may be by someone else with the same name. Rename the arriving annotator or confirm they are the same person.`,
      details: clashes.map((c) => c.name),
      names: clashes.map((c) => c.name),
    });
  }

  const badLabels = unusableLabels(parsed);
  if (badLabels.size && !options.partial) {
    throw new AppFailure({
      code: 'invalid-input',
      message: `The file uses ${badLabels.size === 1 ? 'a label id' : `${badLabels.size} label ids`} claimtag cannot keep; nothing was imported. Import with "only the valid part" to leave those annotations out.`,
      details: [...badLabels].slice(0, 20).map(([id, problem]) => `label ${JSON.stringify(id)} ${problem}`),
    });
  }

  const mappedRef = (ref: string) => Boolean(options.mapOnto && Object.hasOwn(options.mapOnto, ref)); // refs are data
  const checksSimilar = options.similar !== 'separate' && parsed.documents.some((d) => !mappedRef(d.ref));
  // An upgraded library's documents get their fingerprints first, in their own transactions:
  // kept even when this import is refused or cancelled, so the next check does not redo them.
  if (checksSimilar) fingerprintMissing(library, options.job);

  return library.transaction(() => {
    const report: MergeReport = {
      documents: [],
      annotators: [],
      labelsAdded: [],
      annotationsAdded: 0,
      annotationsUnchanged: 0,
      relationsAdded: 0,
      relationsUnchanged: 0,
      attributesAdded: [],
      reanchored: 0,
      unanchored: 0,
      rejected: [...parsed.rejected],
    };

    const docIds = new Map<string, string>();
    const texts = new Map<string, string>();
    /** Documents the analyst mapped onto one of ours: ref → the file's copy of the text. */
    const reanchorInto = new Map<string, string>();
    // The library as it was when the import began: documents added by this import are neither
    // compared with nor mapped onto.
    const hadDocuments = library.documents.any();
    const addedHere = new Set<string>();
    if (checksSimilar && hadDocuments) fingerprintMissing(library, undefined, Number.MAX_SAFE_INTEGER); // none left but rows written since
    const similarFound: SimilarDocument[] = [];
    for (const d of parsed.documents) {
      const ontoId = mappedRef(d.ref) ? options.mapOnto![d.ref] : undefined;
      if (ontoId !== undefined) {
        if (addedHere.has(ontoId) || !library.documents.exists(ontoId)) throw new AppFailure({ code: 'not-found', message: `There is no document to map "${d.title}" onto: it is no longer in the library.` });
        const onto = library.documents.get(ontoId);
        docIds.set(d.ref, onto.id);
        texts.set(onto.id, onto.text);
        reanchorInto.set(d.ref, d.text);
        report.documents.push({ ref: d.ref, id: onto.id, title: onto.title, existed: true, reanchored: true });
        continue;
      }
      // Same document only when the normalised text's SHA-256 is the same; a similar text is shown, never merged.
      // (An empty library has nothing to compare with: no hash to compute here.)
      const same = hadDocuments && library.documents.findBySha256(sha256Of(d.text)) !== null;
      const text = !same && hadDocuments && options.similar !== 'separate' ? arriving(d.text) : null;
      if (text) {
        const similar = mostSimilarDocument(library, text, addedHere);
        if (similar) {
          similarFound.push({
            ref: d.ref,
            title: d.title,
            documentId: similar.id,
            documentTitle: similar.title,
            similarity: Math.round(similar.score * 1000) / 1000,
            changes: textChanges(similar.text, d.text),
          });
          continue;
        }
      }
      // A new document keeps the id and creation time it had in the file (when the id is free and
      // fits the app's ids), so that exporting claimtag JSON and importing it elsewhere reproduces it.
      const id = d.ref.length <= 100 && !library.documents.exists(d.ref) ? d.ref : undefined;
      const { document, existed } = library.documents.add({ title: d.title, source: d.source, text: d.text, blocks: blocksOfLines(d.text) }, { id, createdAt: d.createdAt, ...(text ? { fingerprint: text.fingerprint } : {}) });
      if (!existed) addedHere.add(document.id);
      docIds.set(d.ref, document.id);
      texts.set(document.id, document.text);
      report.documents.push({ ref: d.ref, id: document.id, title: document.title, existed });
      if (existed && d.sha256 && d.sha256 !== sha256Of(document.text)) throw new AppFailure({ code: 'internal', message: 'Hash mismatch while matching documents.' });
    }

    if (similarFound.length) {
      const one = similarFound[0];
      throw new SimilarDocumentsFailure(
        similarFound,
        similarFound.length === 1
          ? `"${one.title}" resembles "${one.documentTitle}" in your library but its text is not the same. Keep it as a separate document, or map its annotations onto yours.`
          : `${similarFound.length} arriving documents resemble documents in your library but their texts are not the same. Keep them as separate documents, or map their annotations onto yours.`,
      );
    }

    const labels = new Map(library.labels.list().map((l) => [l.id, l]));
    /** A label here gains the attributes the file defines for it and it lacks (its own, and its role, stay as they are). */
    const extended = new Set<string>();
    const extendAttributes = (label: Label) => {
      if (extended.has(label.id)) return;
      extended.add(label.id);
      const fromFile = parsed.labels.find((l) => l.id === label.id)?.attributes ?? [];
      const own = label.attributes ?? [];
      const missing = fromFile.filter((d) => !own.some((o) => o.key === d.key)).slice(0, Math.max(0, ATTRIBUTE_LIMITS.attributesPerLabel - own.length));
      if (missing.length === 0) return;
      const next: Label = { ...label, attributes: [...own, ...missing] };
      if (checkAttributeDefinitions(next.attributes!).length > 0) return; // every reader checks; this is the last guard
      library.labels.update(next);
      labels.set(label.id, library.labels.find(label.id)!);
      for (const d of missing) report.attributesAdded.push(`${label.name}: ${d.name}`);
    };
    const ensureLabel = (id: string) => {
      const present = labels.get(id);
      if (present) return extendAttributes(present);
      const info = parsed.labels.find((l) => l.id === id);
      const used = new Set([...labels.values()].map((l) => l.shortcut));
      const shortcut = firstFreeKey(used);
      const label: Label = {
        id,
        name: info?.name ?? id.charAt(0).toUpperCase() + id.slice(1),
        color: info?.color && isHexColor(info.color) ? info.color : newLabelColor([...labels.values()]),
        shortcut,
        definition: info?.definition ?? '',
        archived: false,
        sortOrder: Math.max(0, ...[...labels.values()].map((l) => l.sortOrder)) + 1,
        // A label new here keeps the role and attributes the file gives it (checked when the file was read).
        ...(info?.role ? { role: info.role } : {}),
        ...(info?.attributes?.length && checkAttributeDefinitions(info.attributes).length === 0 ? { attributes: info.attributes } : {}),
      };
      labels.set(id, library.labels.add(label));
      report.labelsAdded.push(id);
    };

    /** By the file's annotator id ('' for none), then name. */
    const annotators = new Map<string, Map<string, Annotator>>();
    const ensureAnnotator = (name: string, fileId: string | undefined): Annotator => {
      let byName = annotators.get(fileId ?? '');
      if (!byName) annotators.set(fileId ?? '', (byName = new Map()));
      const cached = byName.get(name);
      if (cached) return cached;
      const finalName = renamedTo(options, name) ?? name;
      let annotator = fileId ? library.annotators.find(fileId) : null;
      let status: 'new' | 'known' = 'known';
      if (!annotator) {
        const sameName = library.annotators.findByName(finalName);
        if (sameName.length && (options.mergeSameNames || !fileId)) annotator = sameName[0];
        else {
          annotator = library.annotators.add(finalName, fileId && !library.annotators.find(fileId) ? fileId : undefined);
          status = 'new';
        }
      }
      byName.set(name, annotator);
      if (!report.annotators.some((a) => a.id === annotator.id)) report.annotators.push({ name: annotator.name, id: annotator.id, status });
      return annotator;
    };

    // What is already there, per document, to skip exact duplicates — of the library's live
    // annotations and of rows written earlier in this import — without a query per row.
    const present = new Map<string, SpansPresent>();
    const presentIn = (documentId: string): SpansPresent => {
      let spans = present.get(documentId);
      if (!spans) {
        spans = new SpansPresent();
        for (const s of library.annotations.liveSpans(documentId)) spans.add(s.annotatorId, s.labelId, s.start, s.end);
        present.set(documentId, spans);
      }
      return spans;
    };

    const reference = findReferenceAnnotator(library);
    /** Rows that would join the current analyst's layer or the reference; refused after the loop unless agreed. */
    let intoMine = 0;
    let intoReference = 0;
    const writer = library.annotations.importer();
    // Links (#20) name their ends by the file's annotation ids: those ends get their ids here, before
    // they are written, and an end already present (the same span, label and annotator) is that row.
    const linkEnds = new Set((parsed.relations ?? []).flatMap((r) => [r.claimRef, r.targetRef]));
    /** A link end: its row here, and whether that row was already in the library (it may have links already). */
    type End = { id: string; documentId: string; annotatorId: string; labelId: string; existed: boolean };
    const endIds = new Map<string, End>();
    const writtenEnds = new Map<string, End>();
    const spanKey = (documentId: string, annotatorId: string, labelId: string, start: number, end: number) => JSON.stringify([documentId, annotatorId, labelId, start, end]);
    for (let i = 0; i < parsed.annotations.length; i++) {
      if (options.job && i % ROWS_PER_STEP === 0) {
        options.job.check();
        options.job.progress(i, parsed.annotations.length);
      }
      const original = parsed.annotations[i];
      const documentId = docIds.get(original.documentRef);
      if (!documentId) throw new AppFailure({ code: 'invalid-input', message: `An annotation refers to an unknown document "${original.documentRef}".` });
      let a = original;
      const source = reanchorInto.get(original.documentRef);
      if (source !== undefined) {
        // Formats that record no context (brat, doccano, Label Studio) get it from the file's own copy of the text,
        // so a short quote ("Estado") is never placed inside a longer word ("Estados") on ours.
        const withContext = {
          ...original,
          prefix: original.prefix ?? contextBefore(source, original.start),
          suffix: original.suffix ?? contextAfter(source, original.end),
        };
        const placed = reanchor(texts.get(documentId)!, withContext, source.length);
        if (!placed.ok) {
          report.unanchored++;
          report.rejected.push({ where: `annotations[${i}]`, reason: `not placed: ${placed.reason}` });
          continue;
        }
        report.reanchored++;
        a = { ...original, start: placed.start, end: placed.end };
      }
      const labelProblem = badLabels.get(a.label);
      if (labelProblem) {
        report.rejected.push({ where: `annotations[${i}]`, reason: `label ${JSON.stringify(a.label)} ${labelProblem}` });
        continue;
      }
      ensureLabel(a.label);
      const annotator = ensureAnnotator(a.annotator, a.annotatorId);
      const spans = presentIn(documentId);
      const isEnd = a.ref !== undefined && linkEnds.has(a.ref);
      if (spans.has(annotator.id, a.label, a.start, a.end)) {
        if (isEnd) {
          const key = spanKey(documentId, annotator.id, a.label, a.start, a.end);
          const written = writtenEnds.get(key);
          const existing = written ? null : library.annotations.findSame(documentId, annotator.id, a.label, a.start, a.end);
          const end = written ?? (existing ? { id: existing, documentId, annotatorId: annotator.id, labelId: a.label, existed: true } : null);
          if (end) endIds.set(a.ref!, end);
        }
        report.annotationsUnchanged++;
        continue;
      }
      let id = a.ref;
      if (isEnd) {
        id = library.annotations.exists(a.ref!) ? newId() : a.ref!;
        const end = { id, documentId, annotatorId: annotator.id, labelId: a.label, existed: false };
        endIds.set(a.ref!, end);
        writtenEnds.set(spanKey(documentId, annotator.id, a.label, a.start, a.end), end);
      }
      let attributes: AttributeValues | undefined;
      if (a.attributes) {
        // Values are kept where this library's label accepts them; the rest are listed, not guessed.
        const definitions = labels.get(a.label)?.attributes ?? [];
        const checked = checkAttributeValues(a.attributes, definitions, labels.get(a.label)?.name ?? a.label);
        attributes = checked.problems.length === 0 ? checked.values : valuesThatStillHold(a.attributes, definitions);
        for (const p of checked.problems) report.rejected.push({ where: `annotations[${i}].attributes`, reason: `value left out: ${p.message}` });
      }
      if (me && annotator.id === me.id) intoMine++;
      if (reference && annotator.id === reference.id) intoReference++;
      writer.add(
        {
          id,
          documentId,
          annotatorId: annotator.id,
          labelId: a.label,
          start: a.start,
          end: a.end,
          note: a.note,
          attribution: a.attribution,
          confidence: a.confidence,
          attributes,
          createdAt: a.createdAt,
          updatedAt: a.updatedAt,
        },
        texts.get(documentId)!,
      );
      spans.add(annotator.id, a.label, a.start, a.end);
      report.annotationsAdded++;
    }
    writer.finish();
    const linked = new Set<string>();
    (parsed.relations ?? []).forEach((r, i) => {
      const where = `relations[${i}]`;
      const claim = endIds.get(r.claimRef);
      const target = endIds.get(r.targetRef);
      if (!claim || !target) {
        report.rejected.push({ where, reason: `link left out: its ${claim ? 'source or cue' : 'claim'} was not imported` });
        return;
      }
      const claimRole = labels.get(claim.labelId)?.role ?? 'claim';
      const targetRole = labels.get(target.labelId)?.role ?? 'claim';
      if (claimRole !== 'claim' || targetRole !== r.kind) {
        report.rejected.push({ where, reason: `link left out: here “${claim.labelId}” marks a ${claimRole} and “${target.labelId}” a ${targetRole}, not a claim and its ${r.kind}` });
        return;
      }
      // Only rows already here can have links already; the file's own repeats are caught by `linked`.
      const triple = JSON.stringify([claim.id, r.kind, target.id]);
      if (linked.has(triple) || (claim.existed && target.existed && library.relations.findLive(claim.id, r.kind, target.id))) {
        report.relationsUnchanged++;
        return;
      }
      linked.add(triple);
      if (me && claim.annotatorId === me.id) intoMine++;
      if (reference && claim.annotatorId === reference.id) intoReference++;
      library.relations.addImported({ id: r.ref, documentId: claim.documentId, annotatorId: claim.annotatorId, kind: r.kind, claimId: claim.id, targetId: target.id, createdAt: r.createdAt });
      report.relationsAdded++;
    });
    options.job?.check();
    options.job?.progress(parsed.annotations.length, parsed.annotations.length);
    if (intoReference > 0) {
      throw AppFailure.forbidden(
        'reference',
        `The file would add ${intoReference} annotation${intoReference === 1 ? '' : 's'} to this library's reference version, which changes only through adjudication. Rename the arriving "${reference!.name}" to import it as a layer of its own.`,
      );
    }
    if (intoMine > 0 && !options.intoMine) {
      throw AppFailure.forbidden(
        'own-layer',
        `The file would add ${intoMine} annotation${intoMine === 1 ? '' : 's'} to your own work (${me!.name}). Confirm they are yours, or file them under another name.`,
        [me!.name],
      );
    }
    return report;
  });
}

/** Refusal carrying the similar documents found (error.similar), for the app and CLI to show and ask about. */
export class SimilarDocumentsFailure extends AppFailure {
  declare readonly error: Extract<AppError, { reason: 'similar-document' }>;

  constructor(similar: SimilarDocument[], message: string) {
    super({ code: 'forbidden', reason: 'similar-document', similar, message, details: similar.map((s) => `${s.title} ≈ ${s.documentTitle} (${Math.round(s.similarity * 100)} % similar)`) });
  }
}

/**
 * The live annotations of one document as findSame compares them: annotator, label and span.
 * Per annotator and label, each start offset maps to its end offset, or to the set of ends when
 * several spans share a start; numbers rather than composed string keys, so that remembering
 * 100,000 spans allocates next to nothing.
 */
class SpansPresent {
  private readonly byAnnotator = new Map<string, Map<string, Map<number, number | Set<number>>>>();

  has(annotatorId: string, labelId: string, start: number, end: number): boolean {
    const ends = this.byAnnotator.get(annotatorId)?.get(labelId)?.get(start);
    return ends === end || (typeof ends === 'object' && ends.has(end));
  }

  add(annotatorId: string, labelId: string, start: number, end: number): void {
    let byLabel = this.byAnnotator.get(annotatorId);
    if (!byLabel) this.byAnnotator.set(annotatorId, (byLabel = new Map()));
    let byStart = byLabel.get(labelId);
    if (!byStart) byLabel.set(labelId, (byStart = new Map()));
    const ends = byStart.get(start);
    if (ends === undefined) byStart.set(start, end);
    else if (typeof ends === 'number') {
      if (ends !== end) byStart.set(start, new Set([ends, end]));
    } else ends.add(end);
  }
}

/** Blocks for a text that arrives without structure: one paragraph per non-empty line, text untouched. */
export function blocksOfLines(text: string): Block[] {
  const blocks: Block[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    const end = start + line.length;
    const lead = line.length - line.trimStart().length;
    const trail = line.length - line.trimEnd().length;
    if (line.trim()) blocks.push({ kind: 'paragraph', start: start + lead, end: end - trail });
    start = end + 1;
  }
  if (blocks.length === 0) blocks.push({ kind: 'paragraph', start: 0, end: text.length });
  return blocks;
}
