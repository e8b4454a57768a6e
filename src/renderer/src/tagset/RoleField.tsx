import { LABEL_ROLES, type LabelRole } from '../../../shared/claim-structure';

export const ROLE_TEXT: Record<LabelRole, { name: string; hint: string }> = {
  claim: { name: 'Claim', hint: 'what analysts tag and count (fact, opinion, allegation)' },
  source: { name: 'Source', hint: 'who makes a claim: a claim links to it with S' },
  cue: { name: 'Cue', hint: 'the words that report a claim (“said”): a claim links to it with U' },
};

/** What a label marks: a claim, or the source or cue a claim is attributed to. Arrow keys move between the three. */
export function RoleField({ role, onChange, name }: { role: LabelRole; onChange(role: LabelRole): void; name: string }) {
  return (
    <fieldset className="tagset-role">
      <legend>What it marks</legend>
      {LABEL_ROLES.map((r) => (
        <label key={r} className="tagset-role-option">
          <input type="radio" name={name} value={r} checked={role === r} onChange={() => onChange(r)} />
          <span>
            <strong>{ROLE_TEXT[r].name}</strong> <span className="tagset-hint">{ROLE_TEXT[r].hint}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
