import type { Annotation, Confidence } from '../../../shared/types';

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
  | { kind: 'update'; id: string; before: AnnotationFields; after: AnnotationFields };

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

export function describeAction(action: AnnotationAction): string {
  switch (action.kind) {
    case 'create':
      return 'tag';
    case 'delete':
      return 'deletion';
    case 'update':
      return action.after.labelId !== undefined ? 'label change' : 'edit';
  }
}
