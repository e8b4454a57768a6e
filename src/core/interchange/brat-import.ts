// Reads a brat .ann file the way brat does (see brat-rules.ts): lines split like Python's
// splitlines, the text after the second TAB checked against the .txt, fragments kept apart
// unless only line breaks lie between them.
import { fail, type Result } from '../../shared/result';
import type { Confidence } from '../../shared/types';
import type { AttributeDefinition } from '../../shared/claim-structure';
import { bratRelationKind, readBratConf, type BratConfReading } from './brat-conf';
import { BRAT_ATTRIBUTE_NOTE, BRAT_ATTRIBUTION_PREFIX, BRAT_CONFIDENCE_ATTRIBUTE, BRAT_FRAGMENT_SEPARATOR, BRAT_LINE_BREAKS, BRAT_NOTE_TYPE, bratLines } from './brat-rules';
import { ISO_DATE } from './claim-links';
import { ImportProblems } from './import-problems';
import { checkAttributeValue, checkRelations, labelsWithStructure, setAttribute } from './import-structure';
import { documentTextProblem, labelIdProblem, preview, resolveSpan, textTarget, type TextTarget } from './import-text';
import { IMPORT_LIMITS, exceedsBytes, formatBytes } from './limits';
import { fileSizeFailure } from './read-import-file';
import type { ImportOptions, ImportedAnnotation, ImportedLabel, ImportedRelation, ParsedImport } from './types';

const TEXT_BOUND = /^(T\d+)\t(\S+) ([^\t]+)\t(.*)$/s;
const COMMENT = /^#\d*\t(\S+) (\S+)\t(.*)$/s;
const ATTRIBUTE = /^[AM]\d+\t(\S+) (T\d+)(?: (\S+))?\s*$/;
/** brat's relation line: a type and exactly two named arguments (annotation.py _parse_relation_annotation). */
const RELATION = /^(R\d+)\t(\S+) (\S+?):(\S+) (\S+?):(\S+)\s*$/;
// Keys come from the file (a line's first character): no prototype to find "constructor" on.
const UNSUPPORTED: Readonly<Record<string, string>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, string>, { E: 'events', N: 'normalizations', '*': 'equivalences' }),
);

/** A brat attribute or value name as a claimtag key: lower-case ASCII letters, digits and single dashes. */
export function bratKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** `fileText` is the .ann file; `options.companionText` the .txt file with the same name. */
export function importBrat(fileText: string, options: ImportOptions = {}): Result<ParsedImport> {
  const tooLarge = fileSizeFailure(fileText);
  if (tooLarge) return tooLarge;
  const text = options.companionText;
  if (text === undefined) return fail('invalid-input', 'A brat .ann file needs the .txt file with the same name.');
  const annotator = options.annotator?.trim();
  if (!annotator) return fail('invalid-input', 'brat files do not record who annotated them; choose an annotator.');
  const textProblem = documentTextProblem(text);
  if (textProblem) return fail(exceedsBytes(text, IMPORT_LIMITS.maxDocumentTextBytes) ? 'too-large' : 'invalid-input', `The .txt file cannot be imported: ${textProblem}.`);

  const ref = options.documentRef ?? 'brat-document';
  const target = textTarget(ref, text);
  const problems = new ImportProblems();
  /** Each brat id → the claims it became (several when it was imported as its fragments). */
  const byId = new Map<string, ImportedAnnotation[]>();
  let count = 0;
  const noted = new Set<ImportedAnnotation>();
  const lines = bratLines(fileText.replace(/^\uFEFF/, ''));
  const conf = options.bratConf !== undefined ? readBratConf(options.bratConf) : null;
  const links: Array<{ where: string; id: string; kind: ImportedRelation['kind']; claim: string; target: string }> = [];
  /** Attribute key → the brat name it was read from, for the label definitions. */
  const attributeNames = new Map<string, string>();

  lines.forEach((line, i) => {
    const where = `line ${i + 1}`;
    if (line.trim() === '') return;
    const tb = TEXT_BOUND.exec(line);
    if (tb) {
      const [, id, type, ranges, tail] = tb;
      if (byId.has(id)) return problems.reject(where, `duplicate id ${id}`);
      const typeProblem = labelIdProblem(type, 'type');
      if (typeProblem) return problems.reject(where, typeProblem);
      const spans = parseFragments(ranges, tail, target);
      if (!spans.ok) return problems.reject(where, spans.reason);
      if (count + spans.spans.length > IMPORT_LIMITS.maxAnnotations) return problems.reject(where, `more than ${IMPORT_LIMITS.maxAnnotations} annotations`);
      count += spans.spans.length;
      if (spans.spans.length > 1) problems.skip(where, `${id} is discontinuous with text between its fragments; imported as ${spans.spans.length} separate claims, one per fragment`);
      byId.set(
        id,
        spans.spans.map((s, k) => ({
          ref: k === 0 ? id : `${id}#${k + 1}`,
          documentRef: ref,
          annotator,
          ...(options.annotatorId !== undefined ? { annotatorId: options.annotatorId } : {}),
          label: type,
          ...s,
          note: '',
          attribution: '',
          confidence: null,
        })),
      );
      return;
    }
    const comment = COMMENT.exec(line);
    if (comment) {
      const [, type, targetId, body] = comment;
      if (type !== BRAT_NOTE_TYPE) return problems.skip(where, `comment type ${preview(type)} is not imported (only ${BRAT_NOTE_TYPE})`);
      const claims = byId.get(targetId);
      if (!claims) return problems.reject(where, `note for unknown annotation ${preview(targetId)}`);
      if (exceedsBytes(body, IMPORT_LIMITS.maxNoteBytes)) return problems.reject(where, `note is larger than ${formatBytes(IMPORT_LIMITS.maxNoteBytes)}`);
      const attribute = BRAT_ATTRIBUTE_NOTE.exec(body);
      if (attribute) {
        const [, key, raw] = attribute;
        const type = ISO_DATE.test(raw.trim()) ? 'date' : 'links';
        const value = type === 'date' ? raw.trim() : raw.split(' ').filter(Boolean);
        const checked = checkAttributeValue(key, type, value);
        if (checked.problem !== null) return problems.reject(where, checked.problem);
        for (const a of claims) setAttribute((a.attributes ??= {}), key, type, checked.value);
        return;
      }
      for (const a of claims) addNote(a, body, noted);
      return;
    }
    const attr = ATTRIBUTE.exec(line);
    if (attr && attr[1] === BRAT_CONFIDENCE_ATTRIBUTE) {
      const claims = byId.get(attr[2]);
      if (!claims) return problems.reject(where, `attribute for unknown annotation ${attr[2]}`);
      if (!isConfidence(attr[3])) return problems.reject(where, 'Confidence must be low, medium or high');
      for (const a of claims) a.confidence = attr[3];
      return;
    }
    if (attr) return readAttribute(where, attr[1], attr[2], attr[3]);
    const relation = RELATION.exec(line);
    if (relation) {
      const [, id, type, name1, arg1, name2, arg2] = relation;
      const kind = bratRelationKind(type);
      if (!kind) return problems.skip(where, `not imported: relation type ${preview(type)} (claimtag reads Source and Cue links from a claim)`);
      if (name1 === name2) return problems.reject(where, `${id}: the two arguments must have different names`);
      // Arg1 is the claim, Arg2 its source or cue; other argument names keep their written order.
      const [claim, target] = name2 === 'Arg1' || (name1 !== 'Arg1' && name1 === 'Arg2') ? [arg2, arg1] : [arg1, arg2];
      links.push({ where, id, kind, claim, target });
      return;
    }
    const kind = UNSUPPORTED[line[0]];
    if (kind) return problems.skip(where, `not imported: claimtag does not support brat ${kind}`);
    problems.reject(where, `not a brat annotation line: ${preview(line)}`);
  });

  function readAttribute(where: string, name: string, targetId: string, raw: string | undefined): void {
    const claims = byId.get(targetId);
    if (!claims) return problems.reject(where, `attribute for unknown annotation ${targetId}`);
    if (raw === undefined) return problems.skip(where, `not imported: attribute ${preview(name)} has no value (a yes/no brat attribute)`);
    const key = bratKey(name);
    const value = bratKey(raw);
    if (key === '' || value === '') return problems.skip(where, `not imported: attribute ${preview(name)} ${preview(raw)} has no letters or digits to make a key of`);
    const declared = conf?.attributes.get(name);
    if (declared && declared.values.length > 0 && !declared.values.includes(raw)) return problems.reject(where, `${preview(raw)} is not one of the values annotation.conf allows for ${name} (${declared.values.join(', ')})`);
    const checked = checkAttributeValue(key, 'choice', value);
    if (checked.problem !== null) return problems.reject(where, checked.problem);
    if (claims.some((a) => a.attributes?.[key] !== undefined)) return problems.reject(where, `${targetId} already has a value for ${name}`);
    attributeNames.set(key, name);
    for (const a of claims) (a.attributes ??= {})[key] = value;
  }

  const annotations = [...byId.values()].flat();
  const relations = checkRelations(
    annotations,
    links.map((l) => ({ kind: l.kind, claimRef: l.claim, targetRef: l.target, where: `${l.where} (${l.id})` })),
    problems,
  );
  return problems.finish(
    {
      format: 'brat',
      documents: [{ ref, title: options.documentTitle ?? ref, source: '', text }],
      annotators: [{ ...(options.annotatorId !== undefined ? { id: options.annotatorId } : {}), name: annotator }],
      annotations,
      labels: labelsWithStructure(labelsFromConf([...new Set(annotations.map((a) => a.label))], conf, attributeNames), annotations, relations),
      ...(relations.length > 0 ? { relations } : {}),
    },
    options.partial,
  );
}

/** The labels in the file with the roles and attribute values annotation.conf declares for them. */
function labelsFromConf(ids: string[], conf: BratConfReading | null, used: Map<string, string>): ImportedLabel[] {
  if (!conf) return ids.map((id) => ({ id }));
  return ids.map((id) => {
    const role = conf.roles.get(id);
    const attributes: AttributeDefinition[] = [];
    for (const a of conf.attributes.values()) {
      const key = bratKey(a.name);
      if (a.values.length === 0 || key === '' || !(a.types ? a.types.includes(id) : used.get(key) === a.name)) continue;
      const options = [...new Set(a.values.map(bratKey).filter(Boolean))].map((k) => ({ key: k, name: a.values.find((v) => bratKey(v) === k) ?? k }));
      attributes.push({ key, name: a.name, type: 'choice', options });
    }
    return { id, ...(role ? { role } : {}), ...(attributes.length > 0 ? { attributes } : {}) };
  });
}

/** The first note line with the attribution prefix (before any plain note) is the attribution. */
function addNote(a: ImportedAnnotation, body: string, noted: Set<ImportedAnnotation>): void {
  if (a.attribution === '' && !noted.has(a) && body.startsWith(BRAT_ATTRIBUTION_PREFIX)) {
    a.attribution = body.slice(BRAT_ATTRIBUTION_PREFIX.length);
    return;
  }
  a.note = noted.has(a) ? `${a.note}\n${body}` : body;
  noted.add(a);
}

type Fragment = { start: number; end: number; quote: string };
type Spans = { ok: true; spans: Fragment[] } | { ok: false; reason: string };

/**
 * "s e;s e" → the claims: fragments separated only by line breaks form one claim (brat cannot
 * hold a line break, so a claim across one is written as fragments); any other gap keeps the
 * fragments apart. Never widened over text that was not marked.
 */
function parseFragments(ranges: string, tail: string, target: TextTarget): Spans {
  const fragments: Fragment[] = [];
  for (const part of ranges.trimEnd().split(';')) {
    const m = /^(\d+) (\d+)$/.exec(part);
    if (!m) return { ok: false, reason: /^\S+ \S+$/.test(part) ? `offsets must be whole numbers (got ${preview(part)})` : `malformed offsets ${preview(part)}` };
    const span = resolveSpan(target, { start: Number(m[1]), end: Number(m[2]) });
    if (!span.ok) return span;
    if (fragments.length > 0 && span.start < fragments[fragments.length - 1].end) return { ok: false, reason: 'fragments must be in order and must not overlap' };
    fragments.push({ start: span.start, end: span.end, quote: span.quote });
  }
  const joined = fragments.map((f) => f.quote).join(BRAT_FRAGMENT_SEPARATOR);
  // brat compares the text right after the TAB with the fragments; anything after must be separated by whitespace.
  if (!tail.startsWith(joined) || (tail.length > joined.length && !/^\s/.test(tail.slice(joined.length)))) {
    return { ok: false, reason: `text ${preview(tail)} does not match the document at ${ranges} (${preview(joined)})` };
  }
  const spans: Fragment[] = [];
  for (const f of fragments) {
    const last = spans[spans.length - 1];
    if (last && onlyLineBreaks(target.text.slice(last.end, f.start))) {
      last.end = f.end;
      last.quote = target.text.slice(last.start, last.end);
    } else spans.push({ ...f });
  }
  return { ok: true, spans };
}

const onlyLineBreaks = (gap: string): boolean => gap.replace(BRAT_LINE_BREAKS, '') === '';

const isConfidence = (v: string | undefined): v is Confidence => v === 'low' || v === 'medium' || v === 'high';
