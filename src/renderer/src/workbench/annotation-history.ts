import type { Annotation, Confidence } from '../../../shared/types';
import type { AttributeValues, Relation } from '../../../shared/claim-structure';

export interface AnnotationFields {
  labelId?: string;
  note?: string;
  attribution?: string;
  confidence?: Confidence | null;
}

/** One user action on annotations, with what is needed to reverse and replay it. */
export type AnnotationAction =
  | { kind: 'create'; annotation: Annotation }
  | { kind: 'delete'; annotation: Annotation }
  | { kind: 'update'; id: string; before: AnnotationFields; after: AnnotationFields }
  /**
   * A claim linked to its source or cue (#20). `madeTarget`: the span was marked by the same call,
   * so undo removes the span (and with it the link) and redo restores both. `relation` is the
   * link as it stands now (a link made again has a new id).
   */
  | { kind: 'link'; relation: Relation; target: Annotation; madeTarget: boolean }
  | { kind: 'unlink'; relation: Relation; target: Annotation }
  | { kind: 'attributes'; id: string; before: AttributeValues; after: AttributeValues };

/** Undo/redo stacks of annotation actions; a new action clears the redo stack. */
export class AnnotationHistory {
  private done: AnnotationAction[] = [];
  private undone: AnnotationAction[] = [];

  constructor(private readonly limit = 500) {}

  record(action: AnnotationAction): void {
    this.done.push(action);
    if (this.done.length > this.limit) this.done.shift();
    this.undone = [];
  }

  peekUndo(): AnnotationAction | undefined {
    return this.done[this.done.length - 1];
  }

  peekRedo(): AnnotationAction | undefined {
    return this.undone[this.undone.length - 1];
  }

  /** Call after the undo was saved. */
  commitUndo(): void {
    const a = this.done.pop();
    if (a) this.undone.push(a);
  }

  /** Call after the redo was saved. */
  commitRedo(): void {
    const a = this.undone.pop();
    if (a) this.done.push(a);
  }

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }
}

/** What the notice names: a label's name by id, and the quote of an annotation still in the list. */
export interface ActionNames {
  label(labelId: string): string;
  quote(annotationId: string): string | null;
}

const clipQuote = (s: string, n = 40): string => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s);

/** What an action did, for "Undid: …" and "Redid: …": e.g. tag ‘Fact’ on “the minister said…”. */
export function describeAction(action: AnnotationAction, names: ActionNames): string {
  const on = (quote: string | null) => (quote ? ` on “${clipQuote(quote)}”` : '');
  switch (action.kind) {
    case 'create':
      return `tag ‘${names.label(action.annotation.labelId)}’${on(action.annotation.quote)}`;
    case 'delete':
      return `deletion of ‘${names.label(action.annotation.labelId)}’${on(action.annotation.quote)}`;
    case 'link':
      return `link to the ${action.relation.kind} “${clipQuote(action.target.quote)}”`;
    case 'unlink':
      return `unlinking of the ${action.relation.kind} “${clipQuote(action.target.quote)}”`;
    case 'attributes':
      return `attributes${on(names.quote(action.id))}`;
    case 'update': {
      const { before, after } = action;
      const fields = (Object.keys(after) as Array<keyof AnnotationFields>).filter((k) => after[k] !== undefined);
      const what =
        after.labelId !== undefined
          ? `label ‘${names.label(before.labelId ?? '')}’ → ‘${names.label(after.labelId)}’`
          : fields.length === 1
            ? ({ note: 'note', attribution: 'attribution', confidence: 'confidence', labelId: 'label' } as const)[fields[0]]
            : 'edit';
      return `${what}${on(names.quote(action.id))}`;
    }
  }
}
