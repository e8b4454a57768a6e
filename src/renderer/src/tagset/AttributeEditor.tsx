import { useRef, useState } from 'react';
import { ATTRIBUTE_LIMITS, ATTRIBUTE_TYPES, type AttributeDefinition, type AttributeType } from '../../../shared/claim-structure';
import {
  addAttribute,
  addOption,
  addPreset,
  canAddAttribute,
  canAddOption,
  changeAttribute,
  hasOptions,
  moveOption,
  PRESETS,
  removeAttribute,
  removeOption,
  renameOption,
  TYPE_NAMES,
} from './attribute-draft';

interface Props {
  /** The label's name, for the controls' accessible names. */
  labelName: string;
  attributes: AttributeDefinition[];
  /** Keys of the attributes already saved (their keys never change). */
  savedKeys: ReadonlySet<string>;
  onChange(attributes: AttributeDefinition[]): void;
  error?: string;
  errorId?: string;
}

/** The typed attributes a label's annotations carry: add, name, type, options in order, remove, presets. */
export function AttributeEditor({ labelName, attributes, savedKeys, onChange, error, errorId }: Props) {
  const root = useRef<HTMLFieldSetElement>(null);
  /** Focuses a control by its data-focus name once React has drawn it. */
  const focusLater = (name: string) => setTimeout(() => root.current?.querySelector<HTMLElement>(`[data-focus="${name}"]`)?.focus(), 0);
  const full = !canAddAttribute(attributes);

  return (
    <fieldset className="attr-editor" ref={root} aria-describedby={error ? errorId : undefined}>
      <legend>Attributes of {labelName}</legend>
      <p className="tagset-hint">Values analysts give each annotation of this label, in the details panel: a choice, a rating, evidence links, a date.</p>
      {attributes.length === 0 && <p className="attr-empty">No attributes yet. Add one, or start from a preset below.</p>}
      <ol className="attr-list">
        {attributes.map((a, i) => (
          <AttributeCard
            key={i}
            index={i}
            attribute={a}
            onName={(name) => onChange(changeAttribute(attributes, i, { name }, savedKeys))}
            onType={(type) => onChange(changeAttribute(attributes, i, { type }, savedKeys))}
            onRemove={() => {
              onChange(removeAttribute(attributes, i));
              focusLater('add-attribute');
            }}
            onAddOption={(name) => onChange(addOption(attributes, i, name))}
            onRenameOption={(o, name) => onChange(renameOption(attributes, i, o, name))}
            onMoveOption={(o, by) => onChange(moveOption(attributes, i, o, by))}
            onRemoveOption={(o) => {
              onChange(removeOption(attributes, i, o));
              focusLater(`new-option-${i}`);
            }}
          />
        ))}
      </ol>
      <div className="attr-actions">
        <button
          type="button"
          className="button small"
          data-focus="add-attribute"
          disabled={full}
          onClick={() => {
            onChange(addAttribute(attributes));
            focusLater(`attr-name-${attributes.length}`);
          }}
        >
          Add attribute
        </button>
        <span className="attr-presets" role="group" aria-label="Presets">
          <span className="tagset-hint">Presets:</span>
          {PRESETS.map((p) => (
            <button
              key={p.id}
              type="button"
              className="button small"
              disabled={full}
              aria-label={`Add the preset ${p.title}`}
              onClick={() => {
                onChange(addPreset(attributes, p.attribute));
                focusLater(`attr-name-${attributes.length}`);
              }}
            >
              {p.title}
            </button>
          ))}
        </span>
      </div>
      {full && <p className="tagset-hint">A label can carry at most {ATTRIBUTE_LIMITS.attributesPerLabel} attributes.</p>}
      {error && (
        <p className="field-error" id={errorId} role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

interface CardProps {
  index: number;
  attribute: AttributeDefinition;
  onName(name: string): void;
  onType(type: AttributeType): void;
  onRemove(): void;
  onAddOption(name: string): void;
  onRenameOption(o: number, name: string): void;
  onMoveOption(o: number, by: -1 | 1): void;
  onRemoveOption(o: number): void;
}

function AttributeCard({ index: i, attribute: a, onName, onType, onRemove, onAddOption, onRenameOption, onMoveOption, onRemoveOption }: CardProps) {
  const [newOption, setNewOption] = useState('');
  const title = a.name.trim() || `attribute ${i + 1}`;
  const commitOption = () => {
    if (!newOption.trim()) return;
    onAddOption(newOption);
    setNewOption('');
  };
  return (
    <li className="attr-card">
      <div className="attr-head">
        <label className="field attr-name">
          <span>Name</span>
          <input data-focus={`attr-name-${i}`} value={a.name} maxLength={ATTRIBUTE_LIMITS.nameLength} aria-label={`Attribute ${i + 1} name`} onChange={(e) => onName(e.target.value)} />
        </label>
        <label className="field attr-type">
          <span>Type</span>
          <select value={a.type} aria-label={`Type of ${title}`} onChange={(e) => onType(e.target.value as AttributeType)}>
            {ATTRIBUTE_TYPES.map((t) => (
              <option key={t} value={t}>
                {TYPE_NAMES[t]}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="link-button attr-remove" aria-label={`Remove the attribute ${title}`} title="Remove this attribute" onClick={onRemove}>
          Remove
        </button>
      </div>
      <p className="attr-key" title="Written to files; it never changes once saved">
        key <code>{a.key}</code>
      </p>
      {hasOptions(a.type) && (
        <div className="attr-options">
          <p className="tagset-hint">{a.type === 'scale' ? 'In order: the first is the best rating, the last the worst.' : 'Options, in the order analysts see them.'}</p>
          {a.options.length === 0 && <p className="attr-empty">No options yet: add at least two.</p>}
          <ol>
            {a.options.map((o, k) => (
              <li key={o.key} className="attr-option">
                <span className="attr-option-number" aria-hidden="true">
                  {k + 1}
                </span>
                <input value={o.name} maxLength={ATTRIBUTE_LIMITS.nameLength} aria-label={`${title} option ${k + 1}`} onChange={(e) => onRenameOption(k, e.target.value)} />
                <button type="button" className="link-button" aria-label={`Move ${o.name || `option ${k + 1}`} up`} title="Move up" disabled={k === 0} onClick={() => onMoveOption(k, -1)}>
                  ↑
                </button>
                <button
                  type="button"
                  className="link-button"
                  aria-label={`Move ${o.name || `option ${k + 1}`} down`}
                  title="Move down"
                  disabled={k === a.options.length - 1}
                  onClick={() => onMoveOption(k, 1)}
                >
                  ↓
                </button>
                <button type="button" className="link-button tagset-remove" aria-label={`Remove the option ${o.name || k + 1}`} title="Remove this option" onClick={() => onRemoveOption(k)}>
                  ×
                </button>
              </li>
            ))}
          </ol>
          <span className="attr-new-option">
            <input
              data-focus={`new-option-${i}`}
              value={newOption}
              maxLength={ATTRIBUTE_LIMITS.nameLength}
              placeholder="New option"
              aria-label={`New option for ${title}`}
              disabled={!canAddOption(a)}
              onChange={(e) => setNewOption(e.target.value)}
              onKeyDown={(e) => {
                // Enter adds the option here (elsewhere in the form it saves the label).
                if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
                  e.preventDefault();
                  e.stopPropagation();
                  commitOption();
                }
              }}
            />
            <button type="button" className="button small" disabled={!newOption.trim() || !canAddOption(a)} onClick={commitOption}>
              Add option
            </button>
          </span>
        </div>
      )}
    </li>
  );
}
