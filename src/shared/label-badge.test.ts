import { describe, expect, it } from 'vitest';
import { labelBadge, labelBadges } from './label-badge';

const fact = { id: 'fact', name: 'Fact' };
const opinion = { id: 'opinion', name: 'Opinion' };
const allegation = { id: 'allegation', name: 'Allegation' };

describe('label badges', () => {
  it('keeps a label’s badge when it is renamed', () => {
    expect(labelBadge(fact, [fact, opinion, allegation])).toBe('F');
    const renamed = { ...fact, name: 'Verified fact' };
    expect(labelBadge(renamed, [renamed, opinion, allegation])).toBe('F');
  });

  it('gives every label of a set its own badge', () => {
    const set = [fact, opinion, allegation, { id: 'fake', name: 'Fake' }, { id: 'fa', name: 'Fa' }, { id: '42', name: 'Zahl' }];
    expect([...labelBadges(set).values()]).toEqual(['F', 'O', 'A', 'FA', 'F2', 'Z']);
  });

  it('reads other tools’ ids (Fact, claim_type) as letters', () => {
    expect(labelBadge({ id: 'claim_type', name: 'Claim type' })).toBe('C');
    expect(labelBadge({ id: 'Fact', name: 'x' })).toBe('F');
  });
});
