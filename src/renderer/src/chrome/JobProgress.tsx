// The progress of long work (#14): what runs, how far it is, and Cancel (a real button, so Tab
// reaches it). Fed by the library's job events (job-activity.ts); a multi-file import adds which
// file of how many. Cancel keeps what has finished whole and undoes the step in progress.
import { useState } from 'react';
import type { ClaimtagApi } from '../../../shared/contract';
import type { JobKind } from '../../../shared/jobs';
import { JOB_NAMES, useJobActivity, type RunningJob } from './job-activity';

const VERB: Record<JobKind, string> = {
  import: 'Importing',
  export: 'Exporting',
  agreement: 'Computing agreement for',
  backup: 'Backing up',
  restore: 'Restoring',
};

/** What a cancel keeps, told before the analyst presses it. */
const CANCEL_KEEPS: Record<JobKind, string> = {
  import: 'Cancel keeps the files already imported; the file being imported is left out entirely.',
  export: 'Cancel writes nothing: a file being written is discarded, the old one is left as it was.',
  agreement: 'Cancel drops the figures being computed.',
  backup: 'Cancel discards the unfinished backup; earlier backups are kept.',
  restore: 'Cancel leaves the library as it was.',
};

interface Props {
  api: Pick<ClaimtagApi, 'cancelJob'>;
  /** A multi-file import: which file (1-based) of how many, and its name (the row it belongs to). */
  files?: { index: number; total: number; current?: string } | null;
  /** Called when the analyst cancels an import, before the library is asked (stops a file loop). */
  onCancel?: () => void;
}

/** What a cancel does to a job still waiting for its turn. */
const CANCEL_QUEUED = 'Cancel takes it out of the queue: nothing of it is done.';

const amount = (job: RunningJob): string => {
  if (job.behind) return `Queued: waiting for ${JOB_NAMES[job.behind.kind]} (${job.behind.what}) to finish`;
  if (job.kind === 'export') return job.done > 0 ? `${(job.done / 1e6).toFixed(1)} MB written` : '';
  if (job.kind === 'backup') return job.total ? `${Math.round((job.done / job.total) * 100)}%` : '';
  if (job.total === null || job.total === 0) return '';
  return `${job.done.toLocaleString('en')} of ${job.total.toLocaleString('en')} ${job.kind === 'import' ? 'annotations' : 'steps'}`;
};

/**
 * One row per long job, oldest first: jobs on different lanes run side by side (an import and
 * the agreement figures), and a second writer is shown queued behind the one it waits for.
 */
export function JobProgress({ api, files, onCancel }: Props) {
  const { jobs } = useJobActivity();
  const [cancelling, setCancelling] = useState<ReadonlySet<string>>(new Set());
  if (jobs.length === 0 && !files) return null;
  // before the file loop's first job has told its id, its row stands alone
  const rows: Array<RunningJob | null> = jobs.length > 0 ? jobs : [null];
  const fileOf = (job: RunningJob | null) => (files && files.total > 1 && (job === null || (job.kind === 'import' && (files.current === undefined || job.what === files.current))) ? files : null);
  return (
    <section className="job-progress" aria-label="Long operations" data-testid="job-progress">
      {rows.map((job) => (
        <JobRow
          key={job?.jobId ?? 'files'}
          job={job}
          files={fileOf(job)}
          cancelling={cancelling.has(job?.jobId ?? 'files')}
          onCancel={() => {
            setCancelling((was) => new Set(was).add(job?.jobId ?? 'files'));
            if (!job || job.kind === 'import') onCancel?.();
            if (job) void api.cancelJob({ jobId: job.jobId });
          }}
        />
      ))}
    </section>
  );
}

function JobRow({ job, files, cancelling, onCancel }: { job: RunningJob | null; files: { index: number; total: number } | null; cancelling: boolean; onCancel: () => void }) {
  const kind: JobKind = job?.kind ?? 'import';
  const fileNote = files ? ` (file ${files.index} of ${files.total})` : '';
  const title = job ? `${VERB[kind]} ${job.what}${fileNote}` : `Importing${fileNote}`;
  const determinate = job && !job.behind && job.total !== null && job.total > 0;
  const detail = job ? amount(job) : '';
  const keepsId = `job-progress-keeps-${job?.jobId ?? 'files'}`;
  const keeps = job?.behind ? CANCEL_QUEUED : CANCEL_KEEPS[kind];
  return (
    <div className={`job-progress-row${job?.behind ? ' queued' : ''}`} data-testid="job-row">
      <div className="job-progress-text" role="status" aria-live="polite">
        <span className="job-progress-title">{cancelling ? `Cancelling… ${title}` : title}</span>
        {detail && <span className="job-progress-detail">{detail}</span>}
      </div>
      <progress
        className="job-progress-bar"
        aria-label={title}
        {...(job?.behind ? { max: 1, value: 0 } : determinate ? { max: job.total!, value: job.done } : {})}
        aria-valuetext={job?.behind ? 'queued' : detail || 'working'}
      />
      <button type="button" className="button small" disabled={cancelling} title={keeps} aria-label={`Cancel: ${title}`} aria-describedby={keepsId} onClick={onCancel}>
        Cancel
      </button>
      <p id={keepsId} className="job-progress-keeps">
        {keeps}
      </p>
    </div>
  );
}
