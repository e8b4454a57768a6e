import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_RESAMPLES, DEFAULT_SEED, MAX_RESAMPLES, MIN_RESAMPLES } from '../../core/agreement';
import { writeFileAtomic } from '../../core/fs/atomic-write';
import { htmlToPdf } from '../../core/library-io/html-to-pdf';
import { diagnosisCsv } from '../../core/study/diagnosis-table';
import { buildStudyReport, studyReportHtml } from '../../core/study/study-report';
import { analystQuality, assignStudy, createStudy, nextDocumentFor, nextUnsettled, studyDiagnosis, type DriftBy } from '../../core/study/study-service';
import { AppFailure } from '../../shared/result';
import { type CliIo, libraryPath, openLibrary, parse, UsageError } from '../cli-io';

export const STUDY_HELP = `Usage: claimtag study <action> [options] [--db PATH]

Annotation studies: a named set of documents, its analysts, the tag set and guideline
version in force, and who annotates what.

Actions:
  create NAME --analysts A,B,... [--documents ID,...] [--guideline-version V] [--double-share X]
                 create a study (all documents by default); with --double-share, assign at once
  assign NAME --double-share X
                 (re)assign: every document to one analyst, the share X (0–1) to a second one
  list           the studies, with their documents, analysts and guideline version
  progress NAME  documents done / assigned per analyst
  next NAME --analyst A
                 the analyst's next document (first assigned, not marked done)
  unsettled NAME the first difference across the study's documents not yet settled
  quality NAME [--by batch|week] [--format json|table]
                 each analyst's precision, recall and F1 against the reference and the majority, and drift
  diagnosis NAME --out FILE.csv
                 one row per position and label, one column per analyst (and the reference)
  report NAME --out FILE.html|FILE.pdf [--resamples N] [--seed S]
                 the study report: agreement with intervals, quality, drift, as charts and tables
                 (PDF needs Chromium; set CLAIMTAG_CHROMIUM if not /usr/bin/chromium)

Agreement of a study: claimtag agree --corpus --study NAME.

Options:
  --db PATH      library file (default: the app's own library)
  -h, --help     show this help`;

const list = (raw: string | undefined): string[] => (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean);

function share(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw.trim().replace(/%$/, '')) / (raw.trim().endsWith('%') ? 100 : 1);
  if (raw.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new UsageError(`--double-share must be a share from 0 to 1 (or 0% to 100%), not "${raw}".`);
  return n;
}

function whole(flag: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || n < min || n > max) throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, not "${raw}".`);
  return n;
}

const pct = (x: number | null): string => (x === null ? 'n/a' : x.toFixed(3));

export async function runStudy(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, {
    db: { type: 'string' },
    analysts: { type: 'string' },
    analyst: { type: 'string' },
    documents: { type: 'string' },
    'guideline-version': { type: 'string' },
    'double-share': { type: 'string' },
    by: { type: 'string' },
    format: { type: 'string', default: 'table' },
    out: { type: 'string' },
    resamples: { type: 'string' },
    seed: { type: 'string' },
  });
  if (values.help) return io.out(STUDY_HELP), 0;
  const [action, name, ...extra] = positionals;
  const actions = ['create', 'assign', 'list', 'progress', 'next', 'unsettled', 'quality', 'diagnosis', 'report'];
  if (!action) throw new UsageError(`Name an action: ${actions.join(', ')}.`);
  if (!actions.includes(action)) throw new UsageError(`Unknown action "${action}". Actions: ${actions.join(', ')}.`);
  if (action !== 'list' && !name) throw new UsageError(`Name the study: claimtag study ${action} NAME.`);
  if (extra.length) throw new UsageError(`Unexpected argument "${extra[0]}" (a study name with spaces needs quotes).`);
  if (values.format !== 'table' && values.format !== 'json') throw new UsageError(`--format must be json or table, not "${values.format}".`);
  if (values.by !== undefined && values.by !== 'batch' && values.by !== 'week') throw new UsageError(`--by must be batch or week, not "${values.by}".`);
  if (action === 'diagnosis' && !values.out?.toLowerCase().endsWith('.csv')) throw new UsageError('Write the diagnosis table with --out FILE.csv.');
  if (action === 'report' && !/\.(html?|pdf)$/i.test(values.out ?? '')) throw new UsageError('Write the report with --out FILE.html or --out FILE.pdf.');
  if (action === 'assign' && values['double-share'] === undefined) throw new UsageError('Say which share to double-annotate with --double-share X (0–1).');
  if (action === 'next' && !values.analyst) throw new UsageError('Say whose next document with --analyst NAME.');
  if (action === 'create' && !values.analysts) throw new UsageError('Name the analysts with --analysts A,B,...');
  const doubleShare = share(values['double-share']);
  const resamples = whole('--resamples', values.resamples, DEFAULT_RESAMPLES, MIN_RESAMPLES, MAX_RESAMPLES);
  const seed = whole('--seed', values.seed, DEFAULT_SEED, 0, 0xffffffff);

  const library = openLibrary(libraryPath(values.db, io.env), { create: false });
  try {
    switch (action) {
      case 'create': {
        const documents = list(values.documents);
        const study = createStudy(library, { name: name!, analysts: list(values.analysts), documentIds: documents.length ? documents : undefined, guidelineVersion: values['guideline-version'], doubleShare });
        const count = library.studies.documentIds(study.id).length;
        io.out(`✓ Study "${study.name}": ${count} document${count === 1 ? '' : 's'}, analysts ${library.studies.analysts(study.id).map((a) => a.name).join(', ')}, guideline version ${study.guidelineVersion}.`);
        if (doubleShare !== undefined) printProgress(io, library.studies.progress(study.id));
        return 0;
      }
      case 'assign':
        printProgress(io, assignStudy(library, name!, doubleShare!));
        return 0;
      case 'list': {
        const studies = library.studies.list();
        if (studies.length === 0) io.out('No studies yet. Create one with: claimtag study create NAME --analysts A,B');
        for (const s of studies) {
          io.out(`${s.name}: ${library.studies.documentIds(s.id).length} documents; analysts ${library.studies.analysts(s.id).map((a) => a.name).join(', ')}; guideline ${s.guidelineVersion}; ${Math.round(s.doubleShare * 100)} % double-annotated`);
        }
        return 0;
      }
      case 'progress':
        printProgress(io, library.studies.progress(library.studies.getByName(name!).id));
        return 0;
      case 'next': {
        const next = nextDocumentFor(library, name!, values.analyst!);
        io.out(next ? `${next.documentId}\t${next.title}` : `${values.analyst} has no document left to do in "${name}".`);
        return 0;
      }
      case 'unsettled': {
        const next = nextUnsettled(library, name!);
        io.out(next ? `${next.documentId}\t${next.difference.kind}\t[${next.difference.start}, ${next.difference.end})\t${next.difference.id}` : `Every difference in "${name}" is settled.`);
        return 0;
      }
      case 'quality': {
        const q = analystQuality(library, name!, { by: values.by as DriftBy | undefined });
        if (values.format === 'json') io.out(JSON.stringify(q, null, 2));
        else {
          for (const [title, rows] of [['Against the reference', q.againstReference], ['Against the majority of the other analysts', q.againstMajority]] as const) {
            io.out(`${title}${rows.length === 0 ? ': no document to score yet' : ''}`);
            for (const r of rows) {
              io.out(`  ${r.analyst} (${r.documents} documents): P ${pct(r.overall.precision)}  R ${pct(r.overall.recall)}  F1 ${pct(r.overall.f1)}`);
              for (const l of r.byLabel) io.out(`    ${l.label}: P ${pct(l.precision)}  R ${pct(l.recall)}  F1 ${pct(l.f1)}`);
            }
          }
          io.out(`Drift (F1 against the ${q.drift.basis}, by ${values.by ?? 'batch'}): ${q.drift.groups.join(' | ')}`);
          for (const s of q.drift.series) io.out(`  ${s.analyst}: ${s.f1.map(pct).join(' | ')}`);
        }
        return 0;
      }
      case 'diagnosis': {
        const table = studyDiagnosis(library, name!);
        await writeFileAtomic(values.out!, diagnosisCsv(table));
        io.out(`✓ ${table.rows.length} rows written to ${values.out}`);
        return 0;
      }
      case 'report': {
        const report = buildStudyReport(library, name!, { resamples, seed });
        const html = studyReportHtml(report);
        const out = values.out!;
        if (!fs.existsSync(path.dirname(path.resolve(out)))) throw new AppFailure({ code: 'not-found', message: `The folder ${path.dirname(out)} does not exist.` });
        await writeFileAtomic(out, /\.pdf$/i.test(out) ? await htmlToPdf(html) : html);
        io.out(`✓ Study report for "${name}" written to ${out}`);
        return 0;
      }
    }
    return 0;
  } finally {
    library.close();
  }
}

function printProgress(io: CliIo, progress: Array<{ name: string; assigned: number; done: number }>): void {
  for (const p of progress) io.out(`  ${p.name}: ${p.done} / ${p.assigned} done`);
}

