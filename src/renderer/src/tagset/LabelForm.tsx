import { useMemo } from 'react';
import type { ReactNode } from 'react';
import { contrastVerdict } from '../../../shared/contrast';
import { AttributeEditor } from './AttributeEditor';
import { ColourField } from './ColourField';
import { ExampleList } from './ExampleList';
import type { Draft, Errors, Field } from './label-draft';
import { RoleField } from './RoleField';

interface Props {
  draft: Draft;
  /** The saved label's name (the form's title while its name is being edited). */
  savedName: string | null;
  /** Keys of the label's attributes as saved. */
  savedAttributeKeys: ReadonlySet<string>;
  errors: Errors;
  idOf(field: string): string;
  onPatch(patch: Partial<Draft>): void;
  onSave(): void;
  onCancelNew(): void;
  /** Archive, merge, delete: for a saved label. */
  manage: ReactNode;
}

/** One label's fields: name, key, role, colour, definition, examples, attributes; Save. */
export function LabelForm({ draft, savedName, savedAttributeKeys, errors, idOf, onPatch, onSave, onCancelNew, manage }: Props) {
  const verdict = useMemo(() => (/^#[0-9a-f]{6}$/i.test(draft.color) ? contrastVerdict(draft.color) : null), [draft.color]);
  const what = draft.name.trim() || 'this label';

  const onKeyDown = (e: React.KeyboardEvent) => {
    const single = e.target instanceof HTMLInputElement && e.target.type !== 'color' && e.target.type !== 'radio';
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey || single)) {
      e.preventDefault();
      onSave();
    }
  };
  const fieldError = (f: Field) =>
    errors[f] ? (
      <p className="field-error" id={idOf(`${f}-error`)} role="alert">
        {errors[f]}
      </p>
    ) : null;
  const describedBy = (f: Field, extra?: string) => [errors[f] ? idOf(`${f}-error`) : '', extra ?? ''].filter(Boolean).join(' ') || undefined;

  return (
    <form
      className="tagset-form"
      aria-label={draft.id ? `Edit ${savedName ?? draft.name}` : 'New label'}
      onSubmit={(e) => {
        e.preventDefault();
        onSave();
      }}
      onKeyDown={onKeyDown}
    >
      <div className="tagset-row">
        <label className="field tagset-grow">
          <span>Name</span>
          <input
            id={idOf('name')}
            value={draft.name}
            maxLength={60}
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={describedBy('name')}
            onChange={(e) => onPatch({ name: e.target.value })}
          />
        </label>
        <label className="field tagset-key">
          <span>Shortcut key</span>
          <input
            value={draft.shortcut}
            maxLength={1}
            inputMode="numeric"
            placeholder="none"
            aria-invalid={errors.shortcut ? true : undefined}
            aria-describedby={describedBy('shortcut', idOf('shortcut-hint'))}
            onChange={(e) => onPatch({ shortcut: e.target.value.trim() })}
          />
        </label>
      </div>
      <p className="tagset-hint" id={idOf('shortcut-hint')}>
        Shortcut: one digit from 1 to 9, or empty for none.
      </p>
      {fieldError('name')}
      {fieldError('shortcut')}

      <RoleField role={draft.role} name={idOf('role')} onChange={(role) => onPatch({ role })} />
      {fieldError('role')}

      <ColourField
        color={draft.color}
        name={draft.name}
        verdict={verdict}
        error={errors.color}
        verdictId={idOf('verdict')}
        describedBy={describedBy('color', idOf('verdict'))}
        onChange={(color) => onPatch({ color })}
      />
      {errors.color && !(verdict && !verdict.ok) && fieldError('color')}

      <label className="field">
        <span>Definition</span>
        <textarea
          rows={3}
          value={draft.definition}
          maxLength={4000}
          aria-invalid={errors.definition ? true : undefined}
          aria-describedby={describedBy('definition')}
          onChange={(e) => onPatch({ definition: e.target.value })}
        />
      </label>
      {fieldError('definition')}

      <div className="tagset-examples">
        <ExampleList title="Examples that are" what={what} items={draft.positive} onChange={(positive) => onPatch({ positive })} />
        <ExampleList title="Examples that are not" what={what} items={draft.negative} onChange={(negative) => onPatch({ negative })} />
      </div>
      {fieldError('examples')}

      <AttributeEditor
        labelName={what}
        attributes={draft.attributes}
        savedKeys={savedAttributeKeys}
        onChange={(attributes) => onPatch({ attributes })}
        error={errors.attributes}
        errorId={idOf('attributes-error')}
      />

      {errors.general && (
        <p className="field-error" role="alert">
          {errors.general}
        </p>
      )}

      <div className="tagset-form-actions">
        <button type="submit" className="button primary">
          {draft.id ? 'Save label' : 'Add this label'}
        </button>
        {!draft.id && (
          <button type="button" className="button" onClick={onCancelNew}>
            Cancel
          </button>
        )}
      </div>
      {manage}
    </form>
  );
}
