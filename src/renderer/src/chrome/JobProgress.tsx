// The progress of long work (#14): what runs, how far it is, and Cancel (a real button, so Tab
// reaches it). Fed by the library's job events (job-activity.ts); a multi-file import adds which
// file of how many. Cancel keeps what has finished whole and undoes the step in progress.
import { useState } from 'react';
import type { ClaimtagApi } from '../../../shared/contract';
import type { JobKind } from '../../../shared/jobs';
import { useJobActivity, type RunningJob } from './job-activity';

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
  /** A multi-file import: which file (1-based) of how many. */
  files?: { index: number; total: number } | null;
  /** Called when the analyst cancels, before the library is asked (stops a file loop). */
  onCancel?: () => void;
}

const amount = (job: RunningJob): string => {
  if (job.kind === 'export') return job.done > 0 ? `${(job.done / 1e6).toFixed(1)} MB written` : '';
  if (job.kind === 'backup') return job.total ? `${Math.round((job.done / job.total) * 100)}%` : '';
  if (job.total === null || job.total === 0) return '';
  return `${job.done.toLocaleString('en')} of ${job.total.toLocaleString('en')} ${job.kind === 'import' ? 'annotations' : 'steps'}`;
};

export function JobProgress({ api, files, onCancel }: Props) {
  const { jobs } = useJobActivity();
  const [cancelling, setCancelling] = useState<string | null>(null);
  const job = jobs.at(-1);
  if (!job && !files) return null;
  const kind: JobKind = job?.kind ?? 'import';
  const fileNote = files && files.total > 1 && kind === 'import' ? ` (file ${files.index} of ${files.total})` : '';
  const title = job ? `${VERB[kind]} ${job.what}${fileNote}` : `Importing${fileNote}`;
  const determinate = job && job.total !== null && job.total > 0;
  const detail = job ? amount(job) : '';
  const isCancelling = cancelling !== null && cancelling === (job?.jobId ?? 'files');

  return (
    <section className="job-progress" aria-label="Long operation" data-testid="job-progress">
      <div className="job-progress-text" role="status" aria-live="polite">
        <span className="job-progress-title">{isCancelling ? `Cancelling… ${title}` : title}</span>
        {detail && <span className="job-progress-detail">{detail}</span>}
      </div>
      <progress
        className="job-progress-bar"
        aria-label={title}
        {...(determinate ? { max: job.total!, value: job.done } : {})}
        aria-valuetext={detail || 'working'}
      />
      <button
        type="button"
        className="button small"
        disabled={isCancelling}
        title={CANCEL_KEEPS[kind]}
        aria-describedby="job-progress-keeps"
        onClick={() => {
          setCancelling(job?.jobId ?? 'files');
          onCancel?.();
          if (job) void api.cancelJob({ jobId: job.jobId });
        }}
      >
        Cancel
      </button>
      <p id="job-progress-keeps" className="job-progress-keeps">
        {CANCEL_KEEPS[kind]}
      </p>
    </section>
  );
}
