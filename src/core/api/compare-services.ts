import type { ApiServices } from '../../shared/contract';
import { adjudicate, autoMerge, compareDocument } from '../compare';
import type { Library } from '../store/library';

type CompareServices = Pick<ApiServices, 'compareDocument' | 'adjudicate' | 'autoMerge'>;

/** Compare view and adjudication: see src/core/compare for the rules. */
export function createCompareServices(library: Library, currentAnnotator: () => { id: string; name: string } | null): CompareServices {
  return {
    compareDocument: (input) => compareDocument(library, input),
    adjudicate: (input) => adjudicate(library, input, currentAnnotator()),
    autoMerge: (input) => autoMerge(library, input, currentAnnotator()),
  };
}
