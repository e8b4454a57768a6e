// Agreement on claim structure (#20): Krippendorff's α on each label attribute over the spans
// analysts matched, and F1 on the source / cue links between each pair of analysts.
//
// Matching. Spans are matched as Compare matches them for its confusion matrix (../compare/confusion:
// within a place of overlapping spans, same extent first, then largest overlap, one to one), among
// spans of the same role (claims with claims, sources with sources, cues with cues). A span's role
// is its label's; a span of a label without one that is the target of a link takes the link's kind.
//
// Attribute α. A unit is a set of matched spans, at most one per analyst: with two analysts a
// matched pair; with more, each analyst's spans (in report order) are matched to the units formed
// so far (the unit's first span stands for it) and those left over start new units. An attribute
// belongs to a label, so within a unit only the spans of that label are compared. A span without a
// value, or with a value that is not one of the attribute's options, is left out: α uses pairable
// values only (units with values from at least two analysts). 'choice' and 'date' values are
// nominal; 'scale' values get nominal and ordinal α (ranks in the scale's order). 'links' (evidence
// URLs) are not compared.
//
// Link F1. For analysts A and B and one kind, a link of A (claim c → target t) agrees when B has a
// link from the claim matched to c to the target matched to t. Matching is one to one, so each
// link agrees with at most one. Precision = agreed / A's links, recall = agreed / B's links,
// F1 = 2·agreed / (A's + B's). The overlap variant uses Compare's matching; the exact variant
// matches claims and targets only when start and end are identical.

import { RELATION_KINDS, type AttributeDefinition, type LabelRole, type RelationKind } from '../../shared/claim-structure';
import type { CompareSpan } from '../../shared/compare';
import type { AttributeAgreement, ComparedAttributeType, LinkAgreement, LinkScore, StructureAgreement } from '../../shared/structure-agreement';
import { COMPARED_ATTRIBUTE_TYPES } from '../../shared/structure-agreement';
import { matchSpans } from '../compare/confusion';
import { groupPlaces } from '../compare/differences';
import { CONFIDENCE, DEFAULT_RESAMPLES, DEFAULT_SEED, Replicates, seededDraws } from './bootstrap';
import { addCoincidences, alphaFromCoincidences, observedAgreement, unitCoincidences, type SparseCoincidences } from './coincidence-alpha';
import { FEW_UNITS } from './diagnostics';
import type { AgreementInput, AgreementLabel, Coefficient } from '../../shared/agreement';

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

interface Span {
  /** Unique within one document's tally. */
  uid: number;
  id: string | undefined;
  analyst: number;
  label: string;
  role: LabelRole;
  start: number;
  end: number;
  attributes: Record<string, unknown> | undefined;
}

/** An attribute compared, with its categories (options in order, or the dates used, sorted). */
export interface AttributeSpace {
  label: string;
  definition: AttributeDefinition & { type: ComparedAttributeType };
  categories: string[];
  index: Map<string, number>;
}

/** One document reduced to what the figures need: per attribute its units, per pair and kind its link counts. */
export interface StructureTallies {
  /** Per attribute space: the pairable units' coincidences and the counts of values left out. */
  attributes: Array<{ units: SparseCoincidences[]; values: number[][]; missing: number; unknown: number }>;
  /** Per analyst pair (i < j) and kind: [agreed (overlap), agreed (exact), A's links, B's links]. */
  links: Array<Record<RelationKind, [number, number, number, number]>>;
  /** Per analyst: attribute values set, links made. */
  valuesSet: number[];
  linksMade: number[];
  droppedLinks: number;
}

export interface StructureOptions {
  resamples?: number;
  seed?: number;
  /** False when there are too many analysts to list pairs: links are then not compared. */
  pairwise?: boolean;
}

const isCompared = (d: AttributeDefinition): d is AttributeDefinition & { type: ComparedAttributeType } =>
  (COMPARED_ATTRIBUTE_TYPES as readonly string[]).includes(d.type);

/** The attributes to compare and their categories over all `documents` (dates: those used, sorted). */
export function attributeSpaces(labels: readonly AgreementLabel[], documents: readonly AgreementInput[]): AttributeSpace[] {
  const spaces: AttributeSpace[] = [];
  for (const label of labels) {
    for (const definition of label.attributes ?? []) {
      if (!isCompared(definition)) continue;
      let categories: string[];
      if (definition.type === 'date') {
        const dates = new Set<string>();
        for (const d of documents) {
          for (const a of d.annotations) {
            const v = a.label === label.id ? a.attributes?.[definition.key] : undefined;
            if (typeof v === 'string' && ISO_DATE.test(v)) dates.add(v);
          }
        }
        categories = [...dates].sort();
      } else categories = definition.options.map((o) => o.key);
      spaces.push({ label: label.id, definition, categories, index: new Map(categories.map((c, k) => [c, k])) });
    }
  }
  return spaces;
}

/** Reads one document's spans and links and counts what the figures need. */
export function tallyStructure(input: AgreementInput, annotators: readonly string[], spaces: readonly AttributeSpace[], pairwise = true): StructureTallies {
  const m = annotators.length;
  const analystOf = new Map(annotators.map((name, k) => [name, k]));
  const roleOf = new Map<string, LabelRole>();
  for (const l of input.labels ?? []) if (l.role) roleOf.set(l.id, l.role);
  const targetKind = new Map<string, RelationKind>();
  for (const r of input.relations ?? []) if (RELATION_KINDS.includes(r.kind)) targetKind.set(`${r.annotator}\u0000${r.targetId}`, r.kind);

  const spans: Span[][] = annotators.map(() => []);
  let uid = 0;
  const byId = new Map<string, Span>();
  const textLength = typeof input.text === 'string' ? input.text.length : 0;
  for (const a of input.annotations) {
    const k = analystOf.get(a.annotator);
    if (k === undefined || !Number.isInteger(a.start) || !Number.isInteger(a.end) || a.start < 0 || a.end > textLength || a.start >= a.end) continue;
    const role = roleOf.get(a.label) ?? (a.id !== undefined ? targetKind.get(`${a.annotator}\u0000${a.id}`) : undefined) ?? 'claim';
    const span: Span = { uid: uid++, id: a.id, analyst: k, label: a.label, role, start: a.start, end: a.end, attributes: a.attributes };
    spans[k].push(span);
    if (a.id !== undefined) byId.set(`${k}\u0000${a.id}`, span);
  }

  // links per analyst and kind, without repeats; a link whose end is not a compared span is dropped
  const links: Array<Record<RelationKind, Array<[Span, Span]>>> = annotators.map(() => ({ source: [], cue: [] }));
  const seen = new Set<string>();
  let droppedLinks = 0;
  for (const r of input.relations ?? []) {
    const k = analystOf.get(r.annotator);
    if (k === undefined) continue;
    const claim = byId.get(`${k}\u0000${r.claimId}`);
    const target = byId.get(`${k}\u0000${r.targetId}`);
    if (!claim || !target || !RELATION_KINDS.includes(r.kind)) {
      droppedLinks++;
      continue;
    }
    const key = `${k}\u0000${r.kind}\u0000${r.claimId}\u0000${r.targetId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    links[k][r.kind].push([claim, target]);
  }

  const valuesSet = annotators.map(() => 0);
  const spacesOfLabel = new Map<string, AttributeSpace[]>();
  for (const s of spaces) spacesOfLabel.set(s.label, [...(spacesOfLabel.get(s.label) ?? []), s]);
  spans.forEach((list, k) => {
    for (const s of list) for (const space of spacesOfLabel.get(s.label) ?? []) if (s.attributes?.[space.definition.key] !== undefined) valuesSet[k]++;
  });

  // attribute units, per role
  // units are only needed when some attribute is compared
  const units = spaces.length === 0 ? [] : (['claim', 'source', 'cue'] as const).flatMap((role) => buildUnits(spans.map((list) => list.filter((s) => s.role === role)), m));
  const attributes = spaces.map((space) => {
    const K = space.categories.length;
    const out = { units: [] as SparseCoincidences[], values: [] as number[][], missing: 0, unknown: 0 };
    for (const unit of units) {
      const members = unit.filter((s): s is Span => s !== undefined && s.label === space.label);
      if (members.length < 2) continue;
      const values: number[] = [];
      for (const s of members) {
        const v = s.attributes?.[space.definition.key];
        if (v === undefined) out.missing++;
        else {
          const c = typeof v === 'string' ? space.index.get(v) : undefined;
          if (c === undefined) out.unknown++;
          else values.push(c);
        }
      }
      if (values.length >= 2) {
        out.units.push(unitCoincidences(values, K));
        out.values.push(values);
      }
    }
    return out;
  });

  // link counts per pair and kind
  const pairLinks: StructureTallies['links'] = [];
  for (let i = 0; pairwise && i < m; i++) {
    for (let j = i + 1; j < m; j++) {
      const counts = { source: [0, 0, 0, 0], cue: [0, 0, 0, 0] } as Record<RelationKind, [number, number, number, number]>;
      const linksA = links[i];
      const linksB = links[j];
      if (RELATION_KINDS.some((kind) => linksA[kind].length > 0 && linksB[kind].length > 0)) {
        const claims = pairMatching(spans[i], spans[j], i, 'claim');
        for (const kind of RELATION_KINDS) {
          if (linksA[kind].length === 0 || linksB[kind].length === 0) continue;
          const targets = pairMatching(spans[i], spans[j], i, kind);
          const ofB = new Set(linksB[kind].map(([c, t]) => linkKey(c, t)));
          for (const [c, t] of linksA[kind]) {
            const c2 = claims.overlap.get(c);
            const t2 = targets.overlap.get(t);
            if (c2 && t2 && ofB.has(linkKey(c2, t2))) counts[kind][0]++;
            const c3 = claims.exact.get(c);
            const t3 = targets.exact.get(t);
            if (c3 && t3 && ofB.has(linkKey(c3, t3))) counts[kind][1]++;
          }
        }
      }
      for (const kind of RELATION_KINDS) {
        counts[kind][2] = linksA[kind].length;
        counts[kind][3] = linksB[kind].length;
      }
      pairLinks.push(counts);
    }
  }
  return { attributes, links: pairLinks, valuesSet, linksMade: links.map((l) => l.source.length + l.cue.length), droppedLinks };
}

const linkKey = (claim: Span, target: Span): string => `${claim.uid}:${target.uid}`;

type Tagged = CompareSpan & { span: Span };

const tag = (s: Span): Tagged => ({
  annotationId: s.id ?? '',
  annotatorId: String(s.analyst),
  annotatorName: '',
  labelId: s.label,
  start: s.start,
  end: s.end,
  quote: '',
  span: s,
});

/** Units of matched spans of one role: unit[k] is analyst k's span, if any. */
function buildUnits(spansByAnalyst: Span[][], m: number): Array<Array<Span | undefined>> {
  const units: Array<Array<Span | undefined>> = [];
  const all = spansByAnalyst.flat().map(tag);
  for (const place of groupPlaces(all)) {
    const here: Array<{ representative: Tagged; members: Array<Span | undefined> }> = [];
    for (let k = 0; k < m; k++) {
      const mine = (place.spans as Tagged[]).filter((s) => s.span.analyst === k);
      if (mine.length === 0) continue;
      const unitOf = new Map(here.map((u) => [u.representative as CompareSpan, u]));
      const { matched, restB } = matchSpans(
        here.map((u) => u.representative),
        mine,
      );
      for (const [representative, s] of matched) unitOf.get(representative)!.members[k] = (s as Tagged).span;
      for (const s of restB as Tagged[]) {
        const members: Array<Span | undefined> = new Array(m).fill(undefined);
        members[k] = s.span;
        here.push({ representative: s, members });
      }
    }
    for (const u of here) units.push(u.members);
  }
  return units;
}

/** Compare's one-to-one matching of two analysts' spans of one role; exact keeps only identical extents. */
function pairMatching(a: readonly Span[], b: readonly Span[], analystA: number, role: LabelRole): { overlap: Map<Span, Span>; exact: Map<Span, Span> } {
  const overlap = new Map<Span, Span>();
  const exact = new Map<Span, Span>();
  const tagged = [...a.filter((s) => s.role === role), ...b.filter((s) => s.role === role)].map(tag);
  for (const place of groupPlaces(tagged)) {
    const spans = place.spans as Tagged[];
    const { matched } = matchSpans(
      spans.filter((s) => s.span.analyst === analystA),
      spans.filter((s) => s.span.analyst !== analystA),
    );
    for (const [x, y] of matched as Array<[Tagged, Tagged]>) {
      overlap.set(x.span, y.span);
      // same-extent candidates are matched before any other, so these are a maximum exact matching
      if (x.start === y.start && x.end === y.end) exact.set(x.span, y.span);
    }
  }
  return { overlap, exact };
}

// ------------------------------------------------------------------ figures

/** Per-document figures, with intervals from resampling the matched units. */
export function computeStructureAgreement(input: AgreementInput, annotators: readonly string[], options: StructureOptions = {}): StructureAgreement {
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const seed = options.seed ?? DEFAULT_SEED;
  const spaces = attributeSpaces(input.labels ?? [], [input]);
  const pairwise = options.pairwise ?? true;
  const tallies = tallyStructure(input, annotators, spaces, pairwise);
  const attributes = spaces.map((space, s) => {
    const { units, missing, unknown } = tallies.attributes[s];
    const K = space.categories.length;
    const total = new Float64Array(K * K);
    for (const u of units) addCoincidences(total, u);
    const levels = space.definition.type === 'scale' ? (['nominal', 'ordinal'] as const) : (['nominal'] as const);
    const replicates = levels.map(() => new Replicates(resamples));
    if (units.length > 0) {
      // a unit's coincidences depend only on its values: resample units, add up per distinct pattern
      const { patternOf, patterns } = unitPatterns(tallies.attributes[s].values, units);
      const draws = seededDraws(seed);
      const sequence = new Int32Array(units.length);
      const drawn = new Float64Array(patterns.length);
      const sum = new Float64Array(K * K);
      for (let b = 0; b < resamples; b++) {
        draws.draw(units.length, sequence);
        drawn.fill(0);
        for (const u of sequence) drawn[patternOf[u]]++;
        sum.fill(0);
        patterns.forEach((p, g) => drawn[g] > 0 && addCoincidences(sum, p, drawn[g]));
        levels.forEach((level, l) => replicates[l].add(alphaFromCoincidences(sum, K, level).value));
      }
    }
    return attributeRow(space, total, units.length, missing, unknown, replicates.map((r) => r.interval()));
  });
  const links = linkRows(annotators, tallies.links, null);
  const notes = structureNotes(tallies.droppedLinks, attributes, 'matched units');
  return {
    // attributes nobody used here would only be noise
    attributes: attributes.filter((_, s) => anyValue(input, spaces[s])),
    attributesEmpty: attributesEmptyReason(annotators, spaces, tallies.valuesSet, attributes),
    links,
    linksEmpty: linksEmptyReason(annotators, tallies.linksMade, pairwise),
    method: method(`over the matched units (${resamples} resamples, seed ${seed})`),
    notes,
  };
}

/** Units grouped by their multiset of values (few distinct ones): each unit's group, and one group's coincidences. */
function unitPatterns(values: readonly number[][], units: readonly SparseCoincidences[]): { patternOf: Int32Array; patterns: SparseCoincidences[] } {
  const index = new Map<string, number>();
  const patterns: SparseCoincidences[] = [];
  const patternOf = new Int32Array(values.length);
  values.forEach((v, u) => {
    const key = [...v].sort((a, b) => a - b).join(',');
    let g = index.get(key);
    if (g === undefined) {
      g = patterns.length;
      index.set(key, g);
      patterns.push(units[u]);
    }
    patternOf[u] = g;
  });
  return { patternOf, patterns };
}

function anyValue(input: AgreementInput, space: AttributeSpace): boolean {
  return input.annotations.some((a) => a.label === space.label && a.attributes?.[space.definition.key] !== undefined);
}

export function method(intervalBasis: string): string {
  return (
    'Spans of the same role are matched as in Compare (same extent first, then largest overlap, one to one); with more than two analysts, ' +
    "each analyst's spans are matched in turn to the units formed so far. An attribute is compared on the spans of its label in a unit; " +
    'spans without a value are left out (pairable values only). Choice and date values are nominal, scales also ordinal; evidence links are not compared. ' +
    `A link agrees when both its claim and its target are matched to the other analyst's link. ${Math.round(CONFIDENCE * 100)} % percentile bootstrap intervals ${intervalBasis}.`
  );
}

export function attributeRow(
  space: AttributeSpace,
  coincidences: Float64Array,
  units: number,
  missing: number,
  unknown: number,
  intervals: Array<[number, number] | null>,
): AttributeAgreement {
  const K = space.categories.length;
  let values = 0;
  for (const x of coincidences) values += x;
  values = Math.round(values);
  const nominal = alphaFromCoincidences(coincidences, K, 'nominal');
  const row: AttributeAgreement = {
    label: space.label,
    attribute: space.definition.key,
    name: space.definition.name,
    type: space.definition.type,
    units,
    values,
    missing,
    unknown,
    observedAgreement: observedAgreement(coincidences, K),
    nominal: finite(nominal.value),
    nominalInterval: intervals[0] ?? null,
    reason: nominal.value === null ? undefinedReason(space, coincidences, units) : null,
  };
  if (space.definition.type === 'scale') {
    row.ordinal = finite(alphaFromCoincidences(coincidences, K, 'ordinal').value);
    row.ordinalInterval = intervals[1] ?? null;
  }
  return row;
}

function undefinedReason(space: AttributeSpace, coincidences: Float64Array, units: number): string {
  if (units === 0) return 'No claim marked by two analysts carries this value from both.';
  const K = space.categories.length;
  for (let c = 0; c < K; c++) {
    if (coincidences[c * K + c] > 0) {
      const option = space.definition.options.find((o) => o.key === space.categories[c])?.name ?? space.categories[c];
      return `Every value is “${option}”: with no variation α is undefined (the analysts agree on all ${units} unit${units === 1 ? '' : 's'}).`;
    }
  }
  return 'α is undefined for these values.';
}

const finite = (x: Coefficient): Coefficient => (x === null || !Number.isFinite(x) ? null : x);

export function linkScore(agreed: number, linksA: number, linksB: number): LinkScore {
  return {
    agreed,
    precision: linksA > 0 ? agreed / linksA : null,
    recall: linksB > 0 ? agreed / linksB : null,
    f1: linksA + linksB > 0 ? (2 * agreed) / (linksA + linksB) : null,
  };
}

/** Rows per pair and kind from summed counts; intervals (corpus) per pair index and kind. */
export function linkRows(
  annotators: readonly string[],
  counts: StructureTallies['links'],
  intervals: Array<Record<RelationKind, { overlap: [number, number] | null; exact: [number, number] | null }>> | null,
): LinkAgreement[] {
  const rows: LinkAgreement[] = [];
  let p = 0;
  // counts is empty when pairs are not listed
  for (let i = 0; i < annotators.length && p < counts.length; i++) {
    for (let j = i + 1; j < annotators.length; j++, p++) {
      for (const kind of RELATION_KINDS) {
        const [overlap, exact, a, b] = counts[p][kind];
        if (a + b === 0) continue;
        const row: LinkAgreement = { a: annotators[i], b: annotators[j], kind, linksA: a, linksB: b, overlap: linkScore(overlap, a, b), exact: linkScore(exact, a, b) };
        if (intervals) {
          row.overlap.f1Interval = intervals[p][kind].overlap;
          row.exact.f1Interval = intervals[p][kind].exact;
        }
        rows.push(row);
      }
    }
  }
  return rows;
}

export function attributesEmptyReason(annotators: readonly string[], spaces: readonly AttributeSpace[], valuesSet: readonly number[], rows: readonly AttributeAgreement[]): string | null {
  if (rows.some((r) => r.units > 0)) return null;
  if (spaces.length === 0) return 'No attribute values to compare: no label in the tag set has a choice, scale or date attribute.';
  if (annotators.length < 2) return 'No attribute values to compare: that needs at least two analysts.';
  const setters = annotators.filter((_, k) => valuesSet[k] > 0);
  if (setters.length === 0) return 'No attribute values to compare: nobody has set an attribute value.';
  if (setters.length === 1) return `No attribute values to compare: only ${setters[0]} has set attribute values.`;
  return 'No attribute values to compare: no claim marked by two analysts carries a value of the same attribute from both.';
}

export function linksEmptyReason(annotators: readonly string[], linksMade: readonly number[], pairwise: boolean): string | null {
  if (annotators.length < 2) return 'No links to compare: that needs at least two analysts.';
  if (!pairwise) return `No links to compare: links are compared pair by pair, and ${annotators.length} analysts make too many pairs to list.`;
  const linkers = annotators.filter((_, k) => linksMade[k] > 0);
  if (linkers.length === 0) return 'No links to compare: nobody has linked a claim to its source or cue.';
  if (linkers.length === 1) {
    const others = annotators.filter((name) => name !== linkers[0]);
    return `No links to compare: only ${linkers[0]} linked claims to sources or cues; ${others.length === 1 ? `${others[0]} has` : 'the others have'} none.`;
  }
  return null;
}

export function structureNotes(droppedLinks: number, rows: readonly AttributeAgreement[], unitName: string): string[] {
  const notes: string[] = [];
  if (droppedLinks > 0) notes.push(`Left out ${droppedLinks} link${droppedLinks === 1 ? '' : 's'} whose claim or target is not among the compared annotations.`);
  const few = rows.filter((r) => r.units > 0 && r.units < FEW_UNITS);
  if (few.length > 0) {
    notes.push(`Attribute α over fewer than ${FEW_UNITS} ${unitName} (${few.map((r) => r.name).join(', ')}) is unstable with so few units.`);
  }
  const unknown = rows.filter((r) => r.unknown > 0);
  if (unknown.length > 0) notes.push(`Left out values that are no longer options of the tag set: ${unknown.map((r) => `${r.name} (${r.unknown})`).join(', ')}.`);
  return notes;
}

// ------------------------------------------------------------------ corpus

/**
 * Structure agreement over a corpus: coincidences and link counts added up over the documents
 * (micro-averaged), with intervals from the same document resamples as the rest of the corpus
 * report. Feed each resample's document sequence to `replicate`, then call `report`.
 */
export class CorpusStructure {
  private readonly spaces: AttributeSpace[];
  /** Per attribute, per document: the document's coincidences (sparse) and pairable units. */
  private readonly documentCoincidences: SparseCoincidences[][];
  private readonly totals: Float64Array[];
  private readonly units: number[];
  private readonly missing: number[];
  private readonly unknown: number[];
  private readonly attributeReplicates: Replicates[][];
  /** Per document: link counts laid out pair by pair, kind by kind, 4 numbers each. */
  private readonly linkCounts: Float64Array[];
  private readonly linkTotal: Float64Array;
  private readonly linkReplicates: Replicates[];
  private readonly valuesSet: number[];
  private readonly linksMade: number[];
  private readonly droppedLinks: number;
  private readonly sum: Float64Array;
  private readonly linkSum: Float64Array;
  private readonly hasValues: boolean[];
  /** Documents that add units to each attribute, and links to each pair and kind. */
  private readonly attributeDocuments: number[];
  private readonly linkDocuments: number[];

  constructor(
    documents: readonly AgreementInput[],
    private readonly annotators: readonly string[],
    private readonly resamples: number,
    private readonly pairwise: boolean,
  ) {
    const labels = documents.find((d) => d.labels)?.labels ?? [];
    this.spaces = attributeSpaces(labels, documents);
    const m = annotators.length;
    const pairCount = pairwise ? (m * (m - 1)) / 2 : 0;
    const linkSize = pairCount * RELATION_KINDS.length * 4;
    this.documentCoincidences = this.spaces.map(() => []);
    this.totals = this.spaces.map((s) => new Float64Array(s.categories.length ** 2));
    this.units = this.spaces.map(() => 0);
    this.missing = this.spaces.map(() => 0);
    this.unknown = this.spaces.map(() => 0);
    this.hasValues = this.spaces.map((space) => documents.some((d) => anyValue(d, space)));
    this.linkCounts = [];
    this.linkTotal = new Float64Array(linkSize);
    this.valuesSet = annotators.map(() => 0);
    this.linksMade = annotators.map(() => 0);
    this.attributeDocuments = this.spaces.map(() => 0);
    this.linkDocuments = new Array<number>(linkSize / 4).fill(0);
    let dropped = 0;
    for (const d of documents) {
      const t = tallyStructure({ ...d, labels }, annotators, this.spaces, pairwise);
      this.spaces.forEach((space, s) => {
        const K = space.categories.length;
        const dense = new Float64Array(K * K);
        for (const u of t.attributes[s].units) addCoincidences(dense, u);
        addCoincidences(this.totals[s], sparse(dense));
        this.documentCoincidences[s].push(sparse(dense));
        this.units[s] += t.attributes[s].units.length;
        if (t.attributes[s].units.length > 0) this.attributeDocuments[s]++;
        this.missing[s] += t.attributes[s].missing;
        this.unknown[s] += t.attributes[s].unknown;
      });
      const counts = new Float64Array(linkSize);
      t.links.forEach((byKind, p) =>
        RELATION_KINDS.forEach((kind, k) => {
          for (let i = 0; i < 4; i++) counts[(p * RELATION_KINDS.length + k) * 4 + i] = byKind[kind][i];
        }),
      );
      for (let i = 0; i < linkSize; i++) this.linkTotal[i] += counts[i];
      for (let c = 0; c < linkSize / 4; c++) if (counts[c * 4 + 2] + counts[c * 4 + 3] > 0) this.linkDocuments[c]++;
      this.linkCounts.push(counts);
      t.valuesSet.forEach((n, k) => (this.valuesSet[k] += n));
      t.linksMade.forEach((n, k) => (this.linksMade[k] += n));
      dropped += t.droppedLinks;
    }
    this.droppedLinks = dropped;
    this.attributeReplicates = this.spaces.map((space) => (space.definition.type === 'scale' ? [new Replicates(resamples), new Replicates(resamples)] : [new Replicates(resamples)]));
    // per pair and kind: overlap F1, exact F1
    this.linkReplicates = Array.from({ length: pairCount * RELATION_KINDS.length * 2 }, () => new Replicates(resamples));
    this.sum = new Float64Array(Math.max(0, ...this.spaces.map((s) => s.categories.length ** 2)));
    this.linkSum = new Float64Array(linkSize);
  }

  /** Adds one bootstrap replicate: the documents drawn, by index. */
  replicate(sequence: Int32Array): void {
    this.spaces.forEach((space, s) => {
      if (this.units[s] === 0) return;
      const K = space.categories.length;
      const sum = this.sum.subarray(0, K * K);
      sum.fill(0);
      const perDocument = this.documentCoincidences[s];
      for (const d of sequence) addCoincidences(sum, perDocument[d]);
      this.attributeReplicates[s][0].add(alphaFromCoincidences(sum, K, 'nominal').value);
      if (space.definition.type === 'scale') this.attributeReplicates[s][1].add(alphaFromCoincidences(sum, K, 'ordinal').value);
    });
    if (this.linkSum.length === 0) return;
    const sum = this.linkSum;
    sum.fill(0);
    for (const d of sequence) {
      const counts = this.linkCounts[d];
      for (let i = 0; i < counts.length; i++) sum[i] += counts[i];
    }
    for (let c = 0; c < sum.length / 4; c++) {
      const both = sum[c * 4 + 2] + sum[c * 4 + 3];
      this.linkReplicates[c * 2].add(both > 0 ? (2 * sum[c * 4]) / both : null);
      this.linkReplicates[c * 2 + 1].add(both > 0 ? (2 * sum[c * 4 + 1]) / both : null);
    }
  }

  report(seed: number): StructureAgreement {
    // resampling documents says nothing when one document carries everything
    const attributes = this.spaces.map((space, s) =>
      attributeRow(space, this.totals[s], this.units[s], this.missing[s], this.unknown[s], this.attributeReplicates[s].map((r) => (this.attributeDocuments[s] >= 2 ? r.interval() : null))),
    );
    const counts: StructureTallies['links'] = [];
    const intervals: Array<Record<RelationKind, { overlap: [number, number] | null; exact: [number, number] | null }>> = [];
    const pairCount = this.linkTotal.length / (RELATION_KINDS.length * 4);
    for (let p = 0; p < pairCount; p++) {
      const byKind = {} as Record<RelationKind, [number, number, number, number]>;
      const intervalByKind = {} as Record<RelationKind, { overlap: [number, number] | null; exact: [number, number] | null }>;
      RELATION_KINDS.forEach((kind, k) => {
        const c = p * RELATION_KINDS.length + k;
        byKind[kind] = [this.linkTotal[c * 4], this.linkTotal[c * 4 + 1], this.linkTotal[c * 4 + 2], this.linkTotal[c * 4 + 3]];
        const spread = this.linkDocuments[c] >= 2;
        intervalByKind[kind] = { overlap: spread ? this.linkReplicates[c * 2].interval() : null, exact: spread ? this.linkReplicates[c * 2 + 1].interval() : null };
      });
      counts.push(byKind);
      intervals.push(intervalByKind);
    }
    return {
      attributes: attributes.filter((_, s) => this.hasValues[s]),
      attributesEmpty: attributesEmptyReason(this.annotators, this.spaces, this.valuesSet, attributes),
      links: linkRows(this.annotators, counts, intervals),
      linksEmpty: linksEmptyReason(this.annotators, this.linksMade, this.pairwise),
      method: method(`from resampling documents (${this.resamples} resamples, seed ${seed}); counts are added up over the documents`),
      notes: [
        ...structureNotes(this.droppedLinks, attributes, 'matched units'),
        ...(this.attributeDocuments.some((n) => n === 1) || this.linkDocuments.some((n) => n === 1)
          ? ['No interval where a single document holds all the matched units or links: resampling documents cannot show its spread.']
          : []),
      ],
    };
  }
}

function sparse(dense: Float64Array): SparseCoincidences {
  const cells: number[] = [];
  const weights: number[] = [];
  dense.forEach((w, i) => {
    if (w !== 0) {
      cells.push(i);
      weights.push(w);
    }
  });
  return { cells: Int32Array.from(cells), weights: Float64Array.from(weights) };
}
