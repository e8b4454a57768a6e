import type { LabelRole, Relation, RelationKind } from '../../../shared/claim-structure';
import type { Annotation } from '../../../shared/types';
import type { ClaimLinks, LinkedSpan } from '../workbench/claim-links';

export const LINK_KEYS: Record<RelationKind, string> = { source: 'S', cue: 'U' };
const KIND_TITLE: Record<RelationKind, string> = { source: 'Source', cue: 'Cue' };

interface Props {
  role: LabelRole;
  links: ClaimLinks;
  /** Another analyst's layer: shown, not changed. */
  readOnly?: boolean;
  /** Whether the tag set has an active label for each kind. */
  hasLabel: Record<RelationKind, boolean>;
  onStart(kind: RelationKind): void;
  onJump(annotation: Annotation): void;
  onUnlink(relation: Relation): void;
  /** Opens the tag set with a new label of this role. */
  onAddLabel(kind: RelationKind): void;
}

const quote = (a: Annotation) => (a.quote.length > 90 ? `${a.quote.slice(0, 89).trimEnd()}…` : a.quote);

/** Who says a claim and the words that report it (a claim's card), or the claims a source or cue backs (its own card). */
export function ClaimLinksSection({ role, links, readOnly, hasLabel, onStart, onJump, onUnlink, onAddLabel }: Props) {
  if (role !== 'claim') {
    return (
      <section className="claim-links" aria-label={role === 'source' ? 'Claims this source backs' : 'Claims this cue reports'}>
        <p className="claim-links-title">{links.claims.length === 0 ? `Not linked to a claim yet. Select a claim and press ${LINK_KEYS[role]} to link it here.` : role === 'source' ? `Source of ${links.claims.length === 1 ? '1 claim' : `${links.claims.length} claims`}` : `Cue of ${links.claims.length === 1 ? '1 claim' : `${links.claims.length} claims`}`}</p>
        {links.claims.length > 0 && (
          <ul className="claim-link-list">
            {links.claims.map((c) => (
              <LinkedRow key={c.relation.id} span={c} readOnly={readOnly} onJump={onJump} onUnlink={onUnlink} what="claim" />
            ))}
          </ul>
        )}
      </section>
    );
  }
  return (
    <section className="claim-links" aria-label="Source and cue">
      {(['source', 'cue'] as const).map((kind) => {
        const spans = kind === 'source' ? links.sources : links.cues;
        return (
          <div key={kind} className={`claim-link-kind is-${kind}`}>
            <span className="claim-link-title">{KIND_TITLE[kind]}</span>
            {spans.length > 0 ? (
              <ul className="claim-link-list">
                {spans.map((s) => (
                  <LinkedRow key={s.relation.id} span={s} readOnly={readOnly} onJump={onJump} onUnlink={onUnlink} what={kind} />
                ))}
              </ul>
            ) : readOnly ? (
              <span className="claim-link-none">none</span>
            ) : !hasLabel[kind] ? (
              <span className="claim-link-none">
                Your tag set has no {kind} label.{' '}
                <button type="button" className="link-button" onClick={() => onAddLabel(kind)}>
                  Add a {kind} label…
                </button>
              </span>
            ) : null}
            {!readOnly && hasLabel[kind] && (
              <button type="button" className="button small claim-link-add" onClick={() => onStart(kind)} aria-keyshortcuts={LINK_KEYS[kind]}>
                {spans.length ? `Add a ${kind}` : `Mark the ${kind}`} <kbd>{LINK_KEYS[kind]}</kbd>
              </button>
            )}
          </div>
        );
      })}
    </section>
  );
}

function LinkedRow({ span, readOnly, onJump, onUnlink, what }: { span: LinkedSpan; readOnly?: boolean; onJump(a: Annotation): void; onUnlink(r: Relation): void; what: string }) {
  return (
    <li className="claim-link">
      <span className="claim-link-quote" dir="auto">
        “{quote(span.annotation)}”
      </span>
      <span className="claim-link-actions">
        <button type="button" className="link-button" onClick={() => onJump(span.annotation)} aria-label={`Go to the ${what} “${quote(span.annotation)}”`}>
          Go to
        </button>
        {!readOnly && (
          <button
            type="button"
            className="link-button"
            onClick={(e) => {
              // The row goes away: focus moves to what is left of the card (its Mark/Add button).
              const card = e.currentTarget.closest('.claim-links');
              onUnlink(span.relation);
              const kind = span.relation.kind;
              setTimeout(() => (card?.querySelector<HTMLElement>(`.is-${kind} .claim-link-add`) ?? card?.querySelector<HTMLElement>('button'))?.focus(), 50);
            }}
            aria-label={`Unlink the ${what} “${quote(span.annotation)}”`}
          >
            Unlink
          </button>
        )}
      </span>
    </li>
  );
}
