import type { ApiServices } from '../../shared/contract';
import { AppFailure } from '../../shared/result';
import type { StudySummary } from '../../shared/study';
import { STUDY_FORM_MESSAGES, studyFormProblems } from '../../shared/study-form';
import { writeFileAtomic } from '../fs/atomic-write';
import { diagnosisCsv } from '../study/diagnosis-table';
import { buildStudyReport } from '../study/study-report';
import { assignStudy, createStudy, nextDocumentFor, nextUnsettled, studyDiagnosis } from '../study/study-service';
import type { Library } from '../store/library';
import type { HostPorts } from './host-ports';

type StudyServices = Pick<
  ApiServices,
  'listStudies' | 'getStudyReport' | 'nextStudyDocument' | 'nextUnsettledInStudy' | 'createStudy' | 'assignStudy' | 'exportStudyDiagnosis'
>;

/** A file name from a study name: letters, digits and dashes only. */
const fileStem = (name: string): string => name.normalize('NFKD').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'study';

/** The study dashboard's data: see src/core/study. */
export function createStudyServices(library: Library, currentAnnotator: () => { id: string; name: string } | null, ports: Pick<HostPorts, 'chooseExportPath'>): StudyServices {
  const summary = (s: { id: string; name: string; guidelineVersion: string; doubleShare: number }): StudySummary => ({
    name: s.name,
    documents: library.studies.documentIds(s.id).length,
    analysts: library.studies.analysts(s.id).map((a) => a.name),
    guidelineVersion: s.guidelineVersion,
    doubleShare: s.doubleShare,
  });
  return {
    listStudies: () => library.studies.list().map(summary),
    createStudy: (input) => {
      // the form's own rules, refused here too for any caller that skipped them
      const problems = studyFormProblems({ ...input, doubleShare: input.doubleShare ?? 0 });
      if (problems.length) throw new AppFailure({ code: 'invalid-input', message: STUDY_FORM_MESSAGES[problems[0]!], details: problems });
      return summary(createStudy(library, input));
    },
    assignStudy: ({ name, doubleShare }) => assignStudy(library, name, doubleShare),
    exportStudyDiagnosis: async ({ name }) => {
      const table = studyDiagnosis(library, name); // not-found before the dialog opens
      const target = await ports.chooseExportPath(`${fileStem(name)}-diagnosis.csv`, '.csv');
      if (!target) return { cancelled: true as const };
      await writeFileAtomic(target, diagnosisCsv(table));
      return { written: target, rows: table.rows.length };
    },
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
