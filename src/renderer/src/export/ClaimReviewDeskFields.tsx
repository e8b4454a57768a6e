import { useEffect, useState } from 'react';
import type { ClaimtagApi } from '../../../shared/contract';
import { DESK_LIMITS, type Desk } from '../../../shared/export-formats';

/** What the desk fields hold: the two inputs as typed, and what the library has saved. */
export interface DeskDraft {
  name: string;
  url: string;
  saved: Desk | null;
  loaded: boolean;
}

export const emptyDeskDraft: DeskDraft = { name: '', url: '', saved: null, loaded: false };

/** Loads the saved desk into a draft once the dialog opens. */
export function useDeskDraft(api: ClaimtagApi): [DeskDraft, (next: DeskDraft) => void] {
  const [draft, setDraft] = useState<DeskDraft>(emptyDeskDraft);
  useEffect(() => {
    void api.getClaimReviewDesk({}).then((r) => {
      const saved = r.ok ? r.value : null;
      setDraft({ name: saved?.name ?? '', url: saved?.url ?? '', saved, loaded: true });
    });
  }, [api]);
  return [draft, setDraft];
}

/** The desk the draft asks for: null when no name is given. */
export function draftDesk(draft: DeskDraft): Desk | null {
  const name = draft.name.trim();
  const url = draft.url.trim();
  return name ? { name, ...(url ? { url } : {}) } : null;
}

const sameDesk = (a: Desk | null, b: Desk | null) => (a?.name ?? '') === (b?.name ?? '') && (a?.url ?? '') === (b?.url ?? '');

/** Why the draft cannot be used before asking the library (an address without a name), or null. */
export function draftProblem(draft: DeskDraft): string | null {
  return !draft.name.trim() && draft.url.trim() ? "Add the desk's name too: an address alone does not name an author." : null;
}

/**
 * Saves the draft when it differs from what is saved (one call). Returns the saved desk, or the
 * message to show beside the address when the library refused it (a bad address).
 */
export async function saveDeskDraft(api: ClaimtagApi, draft: DeskDraft): Promise<{ ok: true; desk: Desk | null } | { ok: false; message: string }> {
  const desk = draftDesk(draft);
  if (sameDesk(desk, draft.saved)) return { ok: true, desk: draft.saved };
  const r = await api.setClaimReviewDesk({ desk });
  if (r.ok) return { ok: true, desk: r.value };
  // The name is checked here first, so a refused desk is refused for its address.
  return { ok: false, message: r.error.code === 'invalid-input' && r.error.fields?.desk ? r.error.fields.desk : r.error.message };
}

interface Props {
  draft: DeskDraft;
  onChange(next: DeskDraft): void;
  error: string | null;
  disabled?: boolean;
}

/** "Published by (your desk)": the ClaimReview author, shown when that format is chosen. */
export function ClaimReviewDeskFields({ draft, onChange, error, disabled }: Props) {
  return (
    <fieldset className="choice-group desk-fields">
      <legend>Published by (your desk)</legend>
      <p className="desk-about">
        ClaimReview is the schema.org markup fact-checkers publish so that machines can read each verdict: the claim, who made it and your rating. Google stopped
        showing ClaimReview rich results in Search in 2025; fact-check archives, researchers and other tools still read it. Each review names your desk as its
        author; leave the name empty and the reviews carry no author.
      </p>
      <div className="desk-row">
        <label className="field">
          Desk name
          <input
            value={draft.name}
            maxLength={DESK_LIMITS.nameLength}
            disabled={disabled || !draft.loaded}
            placeholder="e.g. Soch Fact Check"
            onChange={(e) => onChange({ ...draft, name: e.target.value })}
          />
        </label>
        <label className="field">
          Web address
          <input
            type="url"
            inputMode="url"
            value={draft.url}
            maxLength={DESK_LIMITS.urlLength}
            disabled={disabled || !draft.loaded}
            placeholder="https://…"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'desk-url-error' : undefined}
            onChange={(e) => onChange({ ...draft, url: e.target.value })}
          />
          {error && (
            <span id="desk-url-error" className="field-error" role="alert">
              {error}
            </span>
          )}
        </label>
      </div>
    </fieldset>
  );
}
