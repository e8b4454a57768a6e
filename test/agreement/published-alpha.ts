// Reliability data with Krippendorff's alpha as published, for the tests of
// src/core/agreement/coincidence-alpha.ts. null = the coder gave no value. Test code only.

export interface PublishedCase {
  source: string;
  /** data[coder][unit]; values are ranks (1 = lowest), null when missing. */
  data: Array<Array<number | null>>;
  /** Published values, rounded as published. */
  nominal: number;
  ordinal?: number;
  digits: number;
}

export const PUBLISHED: PublishedCase[] = [
  {
    // Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability, section C (4 observers,
    // 12 units, values 1–5 with missing data): α_nominal = 0.743, α_ordinal = 0.815.
    source: 'Krippendorff 2011, reliability data matrix with missing values',
    data: [
      [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
      [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
      [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
      [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
    ],
    nominal: 0.743,
    ordinal: 0.815,
    digits: 3,
  },
  {
    // The computational example of Wikipedia's "Krippendorff's alpha" article, also the
    // `krippendorff` Python package's example: α_nominal = 0.691 (NLTK gives 0.691358…).
    source: "Wikipedia / krippendorff package example (3 coders, 15 units)",
    data: [
      [null, null, null, null, null, 3, 4, 1, 2, 1, 1, 3, 3, null, 3],
      [1, null, 2, 1, 3, 3, 4, 3, null, null, null, null, null, null, null],
      [null, null, 2, 1, 3, 4, 4, null, 2, 1, 1, 3, 3, null, 4],
    ],
    nominal: 0.691,
    digits: 3,
  },
];
