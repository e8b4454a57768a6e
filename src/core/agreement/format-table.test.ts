import { describe, expect, it } from 'vitest';
import { formatAgreementTable } from './format-table';
import type { AgreementReport } from './types';

const report: AgreementReport = {
  document: 'doc-7',
  annotators: ['alice', 'bob'],
  sentences: {
    count: 12,
    percentAgreement: 0.75,
    cohenKappa: [{ a: 'alice', b: 'bob', value: 0.4 }],
    fleissKappa: 0.39,
    krippendorffAlpha: null,
  },
  spans: { alphaU: 0.61234, alphaUByLabel: { fact: 0.7, opinion: null }, f1: [{ a: 'alice', b: 'bob', exact: 0.5, overlap: 0.8 }] },
  structure: {
    attributes: [],
    attributesEmpty: 'No attribute values to compare: nobody has set an attribute value.',
    links: [],
    linksEmpty: 'No links to compare: nobody has linked a claim to its source or cue.',
    method: 'units',
    notes: [],
  },
  notes: ['Only 12 sentences.'],
};

describe('formatAgreementTable', () => {
  it('renders every section with three decimals and n/a for null', () => {
    const out = formatAgreementTable(report);
    expect(out).toContain('Agreement for document doc-7');
    expect(out).toContain('Sentence level (12 sentences)');
    expect(out).toMatch(/Percent agreement \(mean pairwise\)\s+0\.750/);
    expect(out).toMatch(/Krippendorff's alpha \(nominal\)\s+n\/a/);
    expect(out).toMatch(/alice\s+bob\s+0\.400/);
    expect(out).toMatch(/\(all labels\)\s+0\.612/);
    expect(out).toMatch(/opinion\s+n\/a/);
    expect(out).toMatch(/alice\s+bob\s+0\.500\s+0\.800/);
    expect(out).toContain('- Only 12 sentences.');
    expect(out.endsWith('\n')).toBe(true);
  });

  it('omits pairwise sections and notes when empty', () => {
    const out = formatAgreementTable({ ...report, annotators: [], sentences: { ...report.sentences, cohenKappa: [] }, spans: { ...report.spans, f1: [] }, notes: [] });
    expect(out).not.toContain("Cohen's kappa by pair");
    expect(out).not.toContain('Span F1 by pair');
    expect(out).not.toContain('Notes');
    expect(out).toContain('Annotators: (none)');
  });
});
