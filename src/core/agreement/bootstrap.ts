// Percentile bootstrap: seeded draws with replacement and 95 % intervals from the replicates.

import { seededRandom } from './seeded-random';
import type { Coefficient } from '../../shared/agreement';

export const CONFIDENCE = 0.95;
export const DEFAULT_RESAMPLES = 1000;
export const DEFAULT_SEED = 20260101;
/** Fewer resamples than this give intervals too coarse to print. */
export const MIN_RESAMPLES = 50;
export const MAX_RESAMPLES = 100_000;
/** An interval is reported only when at least this share of replicates is defined. */
export const MIN_DEFINED_SHARE = 0.9;

import type { Interval } from '../../shared/study';

export type { Interval };

export interface Draws {
  /** Fills `into` with `into.length` indices drawn uniformly with replacement from [0, n). */
  draw(n: number, into: Int32Array): void;
}

export function seededDraws(seed: number): Draws {
  const random = seededRandom(seed);
  return {
    draw(n, into) {
      for (let i = 0; i < into.length; i++) into[i] = Math.floor(random() * n);
    },
  };
}

/** Collects replicates of one coefficient and turns them into a percentile interval. */
export class Replicates {
  private readonly values: Float64Array;
  private count = 0;
  private undefinedCount = 0;

  constructor(readonly resamples: number) {
    this.values = new Float64Array(resamples);
  }

  add(value: Coefficient): void {
    if (value === null || !Number.isFinite(value)) this.undefinedCount++;
    else this.values[this.count++] = value;
  }

  interval(): Interval {
    const total = this.count + this.undefinedCount;
    if (total === 0 || this.count < MIN_DEFINED_SHARE * total) return null;
    const sorted = this.values.slice(0, this.count).sort();
    const tail = (1 - CONFIDENCE) / 2;
    return [quantile(sorted, tail), quantile(sorted, 1 - tail)];
  }
}

/** Linear interpolation between order statistics (Hyndman & Fan type 7, R's default). */
export function quantile(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
