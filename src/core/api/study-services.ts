import type { ApiServices } from '../../shared/contract';
import { AppFailure } from '../../shared/result';
import { buildStudyReport } from '../study/study-report';
import { nextDocumentFor, nextUnsettled } from '../study/study-service';
import type { Library } from '../store/library';

type StudyServices = Pick<ApiServices, 'listStudies' | 'getStudyReport' | 'nextStudyDocument' | 'nextUnsettledInStudy'>;

/** The study dashboard's data: see src/core/study. */
export function createStudyServices(library: Library, currentAnnotator: () => { id: string; name: string } | null): StudyServices {
  return {
    listStudies: () =>
      library.studies.list().map((s) => ({
        name: s.name,
        documents: library.studies.documentIds(s.id).length,
        analysts: library.studies.analysts(s.id).map((a) => a.name),
        guidelineVersion: s.guidelineVersion,
        doubleShare: s.doubleShare,
      })),
    getStudyReport: ({ name, resamples }) => buildStudyReport(library, name, { resamples }),
    nextStudyDocument: ({ name }) => {
      const me = currentAnnotator();
      if (!me) throw new AppFailure({ code: 'conflict', message: 'Enter your name first, so claimtag knows whose next document to open.' });
      return nextDocumentFor(library, name, me.name);
    },
    nextUnsettledInStudy: ({ name }) => {
      const next = nextUnsettled(library, name);
      return next ? { documentId: next.documentId, differenceId: next.difference.id } : null;
    },
  };
}
