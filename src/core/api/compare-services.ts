import type { ApiServices } from '../../shared/contract';
import { adjudicate, autoMerge, compareDocument } from '../compare';
import type { Library } from '../store/library';
import { requireNotBlind } from '../ownership/ownership';

type CompareServices = Pick<ApiServices, 'compareDocument' | 'adjudicate' | 'autoMerge'>;

/** Compare view and adjudication: see src/core/compare for the rules. */
export function createCompareServices(library: Library, currentAnnotator: () => { id: string; name: string } | null): CompareServices {
  return {
    // Comparing shows every layer, so blind mode refuses it until the analyst has marked the document done.
    compareDocument: (input) => {
      requireNotBlind(library, input.documentId, currentAnnotator());
      return compareDocument(library, input);
    },
    adjudicate: (input) => {
      requireNotBlind(library, input.documentId, currentAnnotator());
      return adjudicate(library, input, currentAnnotator());
    },
    autoMerge: (input) => {
      requireNotBlind(library, input.documentId, currentAnnotator());
      return autoMerge(library, input, currentAnnotator());
    },
  };
}
