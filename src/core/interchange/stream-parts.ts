// Pieces every streamed exporter shares (#14): walking the selection a document at a time (where
// a cancel is honoured and progress is told), and writing a JSON list an item at a time with the
// bytes JSON.stringify(…, null, 2) gives the whole.
import type { DocumentExport, ExportSelection } from './export-selection';
import type { ExportOptions } from './types';

/** The selection's documents in order; `options.onDocument` runs after each one's output was taken (it may throw to stop). */
export function* eachDocument(selection: ExportSelection, options: Pick<ExportOptions, 'onDocument'>): Generator<DocumentExport> {
  const total = selection.documents.length;
  for (let i = 0; i < total; i++) {
    yield selection.documents[i];
    options.onDocument?.(i + 1, total);
  }
}

/**
 * A JSON list, one item per part, byte for byte what JSON.stringify(…, null, 2) writes for it
 * when the list's closing bracket is indented by `indent`. JSON strings never hold a raw line
 * break, so indenting every line of an item by its depth reproduces the whole.
 */
export function* jsonListParts(items: Iterable<unknown>, indent: string): Generator<string> {
  const inner = `${indent}  `;
  let first = true;
  for (const item of items) {
    yield `${first ? '[' : ','}\n${inner}${JSON.stringify(item, null, 2).replace(/\n/g, `\n${inner}`)}`;
    first = false;
  }
  yield first ? '[]' : `\n${indent}]`;
}

/**
 * JSON.stringify(value, null, 2) with the (empty) list at `marker` streamed from `items`: the
 * text before the list, the list item by item, the text after it. `marker` is a key that only
 * the list has; its `[]` is found after the last occurrence of `"marker": `.
 */
export function* jsonWithListParts(value: object, marker: string, items: Iterable<unknown>): Generator<string> {
  const whole = JSON.stringify(value, null, 2);
  const key = `${JSON.stringify(marker)}: []`;
  const at = whole.lastIndexOf(key);
  if (at < 0) throw new Error(`no list "${marker}" in the value`);
  const open = at + key.length - 2;
  const indent = /(?:^|\n)( *)[^\n]*$/.exec(whole.slice(0, open))![1];
  yield whole.slice(0, open);
  yield* jsonListParts(items, indent);
  yield `${whole.slice(open + 2)}\n`;
}
