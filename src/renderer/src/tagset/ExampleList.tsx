/** Guideline examples of a label: passages that are (or are not) it, each removable. */
export function ExampleList({ title, what, items, onChange }: { title: string; what: string; items: string[]; onChange(items: string[]): void }) {
  const heading = `${title} ${what}`;
  return (
    <fieldset className="tagset-example-list">
      <legend>{heading}</legend>
      {items.length === 0 && <p className="tagset-hint">None yet.</p>}
      <ol>
        {items.map((text, i) => (
          <li key={i}>
            <textarea
              rows={2}
              value={text}
              maxLength={2000}
              aria-label={`${title} ${what}, ${i + 1}`}
              onChange={(e) => onChange(items.map((x, j) => (j === i ? e.target.value : x)))}
            />
            <button
              type="button"
              className="link-button tagset-remove"
              aria-label={`Remove ${title.toLowerCase()} ${what}, ${i + 1}`}
              title="Remove this example"
              onClick={() => onChange(items.filter((_, j) => j !== i))}
            >
              ×
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="button small"
        disabled={items.length >= 50}
        onClick={() => onChange([...items, ''])}
        aria-label={`Add an example that is${title.endsWith('not') ? ' not' : ''} ${what}`}
      >
        Add example
      </button>
    </fieldset>
  );
}
