// Label Studio task JSON for a <Text name="text"> with <Labels name="label">. Offsets are code
// points (Label Studio ≥ 1.4 stores code points; see HumanSignal/label-studio#1008). Note,
// attribution and confidence are per-region results sharing the region id; the labelling
// config (`labelStudioConfig`) is written beside the tasks.
//
// What Label Studio's own code needs (label-studio-converter, tasks/serializers.py):
// - every task has an integer `id` (the converter's JSON-MIN, CSV and CoNLL exports read it);
// - `completed_by` is either a member's integer id or `{ "email": … }` naming a member by
//   e-mail; anything else refuses the import. Work from outside is named by e-mail, so each
//   annotator gets a stable e-mail-like identity (`annotatorEmail`) to invite as a member;
// - a <Label> with `alias` stores the alias in results: our label id is the alias, the name
//   the shown value, so a label chosen in Label Studio comes back with our label id.
// - a claim's links (#20) are relation results `{ type: 'relation', from_id: <claim region>,
//   to_id: <source or cue region>, direction: 'right', labels: ['source' | 'cue'] }` with a
//   <Relations> block in the config; its attribute values are per-region results named
//   "attribute-<key>": <Choices> (an option key, shown by name via alias), <TextArea> (links, one
//   per line) and <DateTime only="date">.
import { createHash } from 'node:crypto';
import { RELATION_KINDS, type AttributeDefinition, type Relation } from '../../shared/claim-structure';
import type { Annotation, Bundle, Label } from '../../shared/types';
import { attributeEntries, attributeKeys, inferAttributeType, roleOf, valueList } from './claim-links';
import { escapeHtml } from './escape-html';
import { codePointSpan, groupByAnnotator, relationsByDocument, selectForExport, type ExportSelection } from './export-selection';
import { eachDocument, jsonListParts } from './stream-parts';
import type { ExportOptions } from './types';

/** Written beside the tasks file: "tasks.json" → "tasks.label_config.xml". */
export const LABEL_STUDIO_CONFIG_SUFFIX = '.label_config.xml';
/** The reserved domain (RFC 2606) of annotators' e-mail-like identities. */
export const ANNOTATOR_EMAIL_DOMAIN = 'claimtag.invalid';
/** Per-region results holding attribute values are named this + the attribute key. */
export const LABEL_STUDIO_ATTRIBUTE_PREFIX = 'attribute-';
/** What each attribute type is in Label Studio: the result type and the control tag. */
export const LABEL_STUDIO_ATTRIBUTE_RESULT = { choice: 'choices', scale: 'choices', links: 'textarea', date: 'datetime' } as const;

/** A stable, unique e-mail-like identity for an annotator: ASCII name slug + a hash of the id. */
export function annotatorEmail(id: string, name: string): string {
  const slug = name.normalize('NFKD').replace(/[^A-Za-z0-9]+/g, '.').replace(/^\.+|\.+$/g, '').toLowerCase().slice(0, 40) || 'annotator';
  const hash = createHash('sha256').update(id, 'utf8').digest('hex').slice(0, 8);
  return `${slug}.${hash}@${ANNOTATOR_EMAIL_DOMAIN}`;
}

export function exportLabelStudio(bundle: Bundle, options: ExportOptions = {}): string {
  return [...labelStudioParts(selectForExport(bundle, options), options)].join('');
}

/** The tasks a document at a time (#14): one task per document, one annotation per annotator. */
export function* labelStudioParts(selection: ExportSelection, options: ExportOptions = {}): Generator<string> {
  yield* jsonListParts(labelStudioTasks(selection, options), '');
  yield '\n';
}

function* labelStudioTasks(selection: ExportSelection, options: ExportOptions): Generator<object> {
  let t = 0;
  const relationsOf = relationsByDocument(selection);
  for (const { document, annotations, offsets } of eachDocument(selection, options)) {
    const relations = relationsOf(document.id);
    yield {
      id: ++t,
      data: { text: document.text, document: document.id, title: document.title },
      annotations: [...groupByAnnotator(annotations).entries()].map(([annotatorId, group]) => ({
        completed_by: { email: annotatorEmail(annotatorId, selection.annotatorName(group[0])) },
        claimtag_annotator: { id: annotatorId, name: selection.annotatorName(group[0]) },
        created_at: earliest(group, (a) => a.createdAt),
        updated_at: latest(group, (a) => a.updatedAt),
        result: [...group.flatMap((a) => regionResults(a, codePointSpan(offsets, a), selection)), ...relationResults(group, relations)],
      })),
    };
  }
}

function regionResults(a: Annotation, span: { start: number; end: number }, selection: ExportSelection): object[] {
  const region = (fromName: string, type: string, value: object) => ({ id: a.id, from_name: fromName, to_name: 'text', type, origin: 'manual', value: { ...span, ...value } });
  const results = [region('label', 'labels', { text: a.quote, labels: [a.labelId] })];
  if (a.note !== '') results.push(region('note', 'textarea', { text: [a.note] }));
  if (a.attribution !== '') results.push(region('attribution', 'textarea', { text: [a.attribution] }));
  if (a.confidence !== null) results.push(region('confidence', 'choices', { choices: [a.confidence] }));
  for (const e of attributeEntries(a, selection.labelById.get(a.labelId))) {
    const type = LABEL_STUDIO_ATTRIBUTE_RESULT[e.type];
    const value = type === 'choices' ? { choices: valueList(e.value) } : type === 'textarea' ? { text: valueList(e.value) } : { datetime: valueList(e.value)[0] };
    results.push(region(`${LABEL_STUDIO_ATTRIBUTE_PREFIX}${e.key}`, type, value));
  }
  return results;
}

/** The links made in this layer: from the claim's region to its source's or cue's. */
function relationResults(group: readonly Annotation[], relations: readonly Relation[]): object[] {
  const mine = new Set(group.map((a) => a.id));
  return relations
    .filter((r) => mine.has(r.claimId) && mine.has(r.targetId))
    .map((r) => ({ type: 'relation', from_id: r.claimId, to_id: r.targetId, direction: 'right', labels: [r.kind] }));
}

const earliest = (xs: Annotation[], f: (a: Annotation) => string) => xs.map(f).reduce((m, x) => (x < m ? x : m));
const latest = (xs: Annotation[], f: (a: Annotation) => string) => xs.map(f).reduce((m, x) => (x > m ? x : m));

/** The labelling config for an export: every label its claims use. */
export function labelStudioConfigFor(bundle: Bundle, options: ExportOptions = {}): string {
  return labelStudioConfigOf(selectForExport(bundle, options));
}

/** The labelling config for a selection; a pass over its claims keeps only the attribute keys no label defines. */
export function labelStudioConfigOf(selection: ExportSelection): string {
  // Values under keys no label defines still need a control to be shown and kept.
  const undefinedKeys = new Map<string, AttributeDefinition>();
  for (const d of selection.documents)
    for (const a of d.annotations)
      for (const e of attributeEntries(a, selection.labelById.get(a.labelId)))
        if (!e.definition && !undefinedKeys.has(e.key)) undefinedKeys.set(e.key, { key: e.key, name: e.key, type: inferAttributeType(e.value), options: [] });
  for (const d of selection.documents)
    for (const a of d.annotations)
      for (const e of attributeEntries(a, selection.labelById.get(a.labelId))) {
        const u = undefinedKeys.get(e.key);
        if (u && (u.type === 'choice' || u.type === 'scale') && !u.options.some((o) => o.key === e.value)) u.options.push({ key: String(e.value), name: String(e.value) });
      }
  return labelStudioConfig(selection.labels, { extraAttributes: [...undefinedKeys.values()], relations: selection.relations.length > 0 });
}

/** A Label Studio labelling config matching the exported results: shows each label's name, stores its id. */
export function labelStudioConfig(labels: readonly Label[], more: { extraAttributes?: readonly AttributeDefinition[]; relations?: boolean } = {}): string {
  const attr = (s: string) => escapeHtml(s);
  // Shown values must differ; a name two labels share is told apart by the id.
  const shown = labels.map((l) => l.name.trim() || l.id);
  const labelTags = labels.map((l, i) => {
    const value = shown.indexOf(shown[i]) === shown.lastIndexOf(shown[i]) ? shown[i] : `${shown[i]} (${l.id})`;
    return `    <Label value="${attr(value)}" alias="${attr(l.id)}" background="${/^#[0-9a-fA-F]{6}$/.test(l.color) ? l.color : '#777777'}"/>`;
  });
  return [
    '<View>',
    '  <Labels name="label" toName="text">',
    ...labelTags,
    '  </Labels>',
    '  <Text name="text" value="$text"/>',
    '  <TextArea name="note" toName="text" perRegion="true" editable="true" placeholder="Note"/>',
    '  <TextArea name="attribution" toName="text" perRegion="true" editable="true" placeholder="Attribution"/>',
    '  <Choices name="confidence" toName="text" perRegion="true">',
    '    <Choice value="low"/><Choice value="medium"/><Choice value="high"/>',
    '  </Choices>',
    ...structureControls(labels, more),
    '</View>',
    '',
  ].join('\n');
}

/** <Relations> when the labels mark sources or cues (or links were written), and a control per attribute. */
function structureControls(labels: readonly Label[], more: { extraAttributes?: readonly AttributeDefinition[]; relations?: boolean }): string[] {
  const attr = (s: string) => escapeHtml(s);
  const lines: string[] = [];
  if (more.relations || labels.some((l) => roleOf(l) !== 'claim')) {
    lines.push('  <Relations>', ...RELATION_KINDS.map((k) => `    <Relation value="${k}"/>`), '  </Relations>');
  }
  const definitions = [...[...attributeKeys(labels).values()].map((x) => x.definition), ...(more.extraAttributes ?? [])];
  for (const d of definitions) {
    const name = attr(`${LABEL_STUDIO_ATTRIBUTE_PREFIX}${d.key}`);
    if (d.type === 'choice' || d.type === 'scale') {
      lines.push(`  <Header value="${attr(d.name)}"/>`, `  <Choices name="${name}" toName="text" perRegion="true" choice="single">`);
      lines.push(...d.options.map((o) => `    <Choice value="${attr(o.name)}" alias="${attr(o.key)}"/>`), '  </Choices>');
    } else if (d.type === 'links') lines.push(`  <TextArea name="${name}" toName="text" perRegion="true" editable="true" placeholder="${attr(d.name)} (https: links, one per line)"/>`);
    else lines.push(`  <Header value="${attr(d.name)}"/>`, `  <DateTime name="${name}" toName="text" perRegion="true" only="date"/>`);
  }
  return lines;
}
