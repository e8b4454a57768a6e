import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../shared/types';
import { AnnotationHistory, describeAction, type AnnotationAction } from './annotation-history';

const annotation = (id: string): Annotation => ({
  id,
  documentId: 'd',
  annotatorId: 'a',
  annotatorName: 'A',
  labelId: 'fact',
  start: 0,
  end: 4,
  quote: 'text',
  prefix: '',
  suffix: '',
  note: '',
  attribution: '',
  confidence: null,
  createdAt: '',
  updatedAt: '',
  deletedAt: null,
});

/** Plays actions against a tiny model of the store, the way the workbench replays them through the API. */
function model() {
  const live = new Map<string, { labelId: string; note: string }>();
  const apply = (action: AnnotationAction, direction: 'undo' | 'redo') => {
    if (action.kind === 'update') {
      const fields = direction === 'undo' ? action.before : action.after;
      Object.assign(live.get(action.id)!, fields);
    } else if (action.kind !== 'create' && action.kind !== 'delete') return;
    else if ((action.kind === 'create') === (direction === 'redo')) live.set(action.annotation.id, { labelId: action.annotation.labelId, note: action.annotation.note });
    else live.delete(action.annotation.id);
  };
  return { live, apply };
}

describe('AnnotationHistory', () => {
  it('undoes and redoes a create → relabel → note → delete sequence exactly, in order', () => {
    const h = new AnnotationHistory();
    const m = model();
    const a = annotation('x');
    const steps: AnnotationAction[] = [
      { kind: 'create', annotation: a },
      { kind: 'update', id: 'x', before: { labelId: 'fact' }, after: { labelId: 'opinion' } },
      { kind: 'update', id: 'x', before: { note: '' }, after: { note: 'checked' } },
      { kind: 'delete', annotation: { ...a, labelId: 'opinion', note: 'checked' } },
    ];
    for (const s of steps) {
      m.apply(s, 'redo');
      h.record(s);
    }
    expect(m.live.size).toBe(0);
    const snapshots: string[] = [];
    while (h.canUndo) {
      m.apply(h.peekUndo()!, 'undo');
      h.commitUndo();
      snapshots.push(JSON.stringify([...m.live]));
    }
    expect(snapshots).toEqual([
      JSON.stringify([['x', { labelId: 'opinion', note: 'checked' }]]),
      JSON.stringify([['x', { labelId: 'opinion', note: '' }]]),
      JSON.stringify([['x', { labelId: 'fact', note: '' }]]),
      JSON.stringify([]),
    ]);
    while (h.canRedo) {
      m.apply(h.peekRedo()!, 'redo');
      h.commitRedo();
    }
    expect(m.live.size).toBe(0);
    expect(h.canUndo).toBe(true);
  });

  it('a new action after undo clears the redo stack', () => {
    const h = new AnnotationHistory();
    h.record({ kind: 'create', annotation: annotation('a') });
    h.commitUndo();
    expect(h.canRedo).toBe(true);
    h.record({ kind: 'create', annotation: annotation('b') });
    expect(h.canRedo).toBe(false);
    expect(h.peekUndo()).toMatchObject({ annotation: { id: 'b' } });
  });

  it('a failed undo (not committed) stays undoable', () => {
    const h = new AnnotationHistory();
    h.record({ kind: 'delete', annotation: annotation('a') });
    expect(h.peekUndo()).toBeDefined(); // the API call failed: no commitUndo
    expect(h.canUndo).toBe(true);
    expect(h.canRedo).toBe(false);
  });

  it('keeps at most its limit of actions', () => {
    const h = new AnnotationHistory(3);
    for (const id of ['a', 'b', 'c', 'd']) h.record({ kind: 'create', annotation: annotation(id) });
    let n = 0;
    while (h.canUndo) {
      h.commitUndo();
      n++;
    }
    expect(n).toBe(3);
  });

  it('names actions for the messages the analyst sees', () => {
    const names = { label: (id: string) => ({ fact: 'Fact', x: 'Opinion', y: 'Allegation' })[id] ?? id, quote: (id: string) => (id === 'a' ? 'text' : null) };
    expect(describeAction({ kind: 'create', annotation: annotation('a') }, names)).toBe('tag ‘Fact’ on “text”');
    expect(describeAction({ kind: 'delete', annotation: annotation('a') }, names)).toBe('deletion of ‘Fact’ on “text”');
    expect(describeAction({ kind: 'update', id: 'a', before: { labelId: 'x' }, after: { labelId: 'y' } }, names)).toBe('label ‘Opinion’ → ‘Allegation’ on “text”');
    expect(describeAction({ kind: 'update', id: 'a', before: { note: '' }, after: { note: 'n' } }, names)).toBe('note on “text”');
    expect(describeAction({ kind: 'update', id: 'a', before: { confidence: null }, after: { confidence: 'low' } }, names)).toBe('confidence on “text”');
    expect(describeAction({ kind: 'update', id: 'gone', before: { note: '', attribution: '' }, after: { note: 'n', attribution: 'x' } }, names)).toBe('edit');
    const long = { ...annotation('a'), quote: 'x'.repeat(100) };
    expect(describeAction({ kind: 'create', annotation: long }, names)).toBe(`tag ‘Fact’ on “${'x'.repeat(39)}…”`);
  });
});
