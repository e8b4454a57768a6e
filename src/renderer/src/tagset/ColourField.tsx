import type { ContrastVerdict } from '../../../shared/contrast';
import { ColourPreview, readableSummary } from './ColourPreview';

interface Props {
  color: string;
  name: string;
  verdict: ContrastVerdict | null;
  error?: string;
  /** ids of the elements describing the field. */
  verdictId: string;
  describedBy?: string;
  onChange(color: string): void;
}

/** A label's colour: picker and hex field, a preview on light and dark, and whether what is drawn stays readable. */
export function ColourField({ color, name, verdict, error, verdictId, describedBy, onChange }: Props) {
  return (
    <>
      <div className="tagset-row">
        <div className="field tagset-color">
          <span aria-hidden="true">Colour</span>
          <span className="tagset-color-inputs">
            <input type="color" aria-label="Colour picker" value={verdict ? color.toLowerCase() : '#000000'} onChange={(e) => onChange(e.target.value)} />
            <input
              aria-label="Colour"
              value={color}
              maxLength={7}
              spellCheck={false}
              aria-invalid={error || (verdict && !verdict.ok) ? true : undefined}
              aria-describedby={describedBy}
              onChange={(e) => onChange(e.target.value.trim())}
            />
          </span>
        </div>
        <ColourPreview color={verdict ? color : null} name={name} />
      </div>
      <div id={verdictId} className="tagset-verdict" aria-live="polite">
        {!verdict ? (
          <p className="field-error">Use a colour like #2f7d4f.</p>
        ) : verdict.ok ? (
          <p className="tagset-ok">
            {readableSummary(verdict)}
          </p>
        ) : (
          <p className="field-error" role={error ? 'alert' : undefined}>
            {verdict.problem}{' '}
            <button type="button" className="link-button" onClick={() => onChange(verdict.suggestion!)}>
              Use {verdict.suggestion}
            </button>
          </p>
        )}
      </div>
    </>
  );
}
