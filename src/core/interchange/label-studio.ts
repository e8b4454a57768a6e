// Label Studio task JSON for a <Text name="text"> with <Labels name="label">. Offsets are code
// points (Label Studio ≥ 1.4 stores code points; see HumanSignal/label-studio#1008). Note,
// attribution and confidence are per-region results sharing the region id; `labelStudioConfig`
// writes a labelling config that shows them.
import type { Annotation, Bundle, Label } from '../../shared/types';
import { escapeHtml } from './escape-html';
import { codePointSpan, groupByAnnotator, selectForExport } from './export-selection';
import type { ExportOptions } from './types';

export function exportLabelStudio(bundle: Bundle, options: ExportOptions = {}): string {
  const selection = selectForExport(bundle, options);
  const tasks = selection.documents.map(({ document, annotations, offsets }) => ({
    data: { text: document.text, document: document.id, title: document.title },
    annotations: [...groupByAnnotator(annotations).entries()].map(([annotatorId, group], k) => ({
      completed_by: k + 1,
      claimtag_annotator: { id: annotatorId, name: selection.annotatorName(group[0]) },
      created_at: earliest(group, (a) => a.createdAt),
      updated_at: latest(group, (a) => a.updatedAt),
      result: group.flatMap((a) => regionResults(a, codePointSpan(offsets, a))),
    })),
  }));
  return `${JSON.stringify(tasks, null, 2)}\n`;
}

function regionResults(a: Annotation, span: { start: number; end: number }): object[] {
  const region = (fromName: string, type: string, value: object) => ({ id: a.id, from_name: fromName, to_name: 'text', type, origin: 'manual', value: { ...span, ...value } });
  const results = [region('label', 'labels', { text: a.quote, labels: [a.labelId] })];
  if (a.note !== '') results.push(region('note', 'textarea', { text: [a.note] }));
  if (a.attribution !== '') results.push(region('attribution', 'textarea', { text: [a.attribution] }));
  if (a.confidence !== null) results.push(region('confidence', 'choices', { choices: [a.confidence] }));
  return results;
}

const earliest = (xs: Annotation[], f: (a: Annotation) => string) => xs.map(f).reduce((m, x) => (x < m ? x : m));
const latest = (xs: Annotation[], f: (a: Annotation) => string) => xs.map(f).reduce((m, x) => (x > m ? x : m));

/** A Label Studio labelling config matching the exported results. */
export function labelStudioConfig(labels: readonly Label[]): string {
  const attr = (s: string) => escapeHtml(s);
  const labelTags = labels.map((l) => `    <Label value="${attr(l.id)}" alias="${attr(l.name)}" background="${/^#[0-9a-fA-F]{6}$/.test(l.color) ? l.color : '#777777'}"/>`);
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
    '</View>',
    '',
  ].join('\n');
}
