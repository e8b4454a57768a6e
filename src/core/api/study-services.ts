import type { ApiServices } from '../../shared/contract';
import { buildStudyReport } from '../study/study-report';
import type { Library } from '../store/library';

type StudyServices = Pick<ApiServices, 'listStudies' | 'getStudyReport'>;

/** The study dashboard's data: see src/core/study. */
export function createStudyServices(library: Library): StudyServices {
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
  };
}
