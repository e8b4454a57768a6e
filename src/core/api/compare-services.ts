import type { ApiServices } from '../../shared/contract';
import { AppFailure } from '../../shared/result';
import type { Library } from '../store/library';

type CompareServices = Pick<ApiServices, 'compareDocument' | 'adjudicate' | 'autoMerge'>;

const notYet = (): never => {
  throw new AppFailure({ code: 'unsupported', message: 'Comparing annotators is not available yet.' });
};

/** Compare view and adjudication (being built). */
export function createCompareServices(_library: Library, _currentAnnotator: () => { id: string; name: string } | null): CompareServices {
  return { compareDocument: notYet, adjudicate: notYet, autoMerge: notYet };
}
