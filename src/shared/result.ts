// Results that cross a boundary (IPC, CLI, import) are values, never thrown stack traces.

import type { SimilarDocument } from './similar-document';

export type ErrorCode =
  | 'invalid-input'
  | 'not-found'
  | 'conflict'
  | 'unsupported'
  | 'too-large'
  | 'storage'
  | 'disk-full'
  | 'cancelled'
  /** The library is being written by a long operation; the call can be repeated when it ends. */
  | 'busy'
  | 'forbidden'
  | 'internal'
  /** Team mode: the server's rules refused a change (another's row, a study one is not in). */
  | 'refused'
  /** Team mode: the server cannot be reached (offline, stopped, wrong address). */
  | 'unreachable';

/**
 * Why a change was refused although the request was well formed (code 'forbidden'): the
 * renderer and the CLI tell these apart by this value, never by the message.
 */
export type RefusalReason =
  /** The annotation belongs to another analyst. */
  | 'not-owner'
  /** The reference version changes only through adjudication. */
  | 'reference'
  /** An import gives the current analyst's id with another name. */
  | 'forged-identity'
  /** An import would add rows to the current analyst's own layer; she must agree first. */
  | 'own-layer'
  /** An arriving document is similar to, but not the same text as, one in the library. */
  | 'similar-document'
  /** Other analysts' work would be removed with a document. */
  | 'others-work'
  /** Blind mode keeps other layers hidden until the analyst marks the document done. */
  | 'blind'
  /** The name is already another annotator's. */
  | 'name-taken';

/**
 * What exactly went wrong, when a person can act on it: the renderer and the CLI switch on
 * this, never on the message. Set where the error is born.
 */
export type FailureReason =
  | RefusalReason
  /** (code 'conflict') Arriving annotators have names taken here by someone who may be another person; `names` lists them. */
  | 'name-clash'
  /** (code 'invalid-input') A text file is not valid UTF-8/UTF-16; it can be imported again with the bad bytes replaced. */
  | 'invalid-text-encoding';

/** What the reasons that carry something besides the message carry: what the person is asked about. */
interface ReasonPayloads {
  /** The arriving annotators' names that are taken here. */
  'name-clash': { names: string[] };
  /** The arriving documents that resemble ours, with where the texts differ. */
  'similar-document': { similar: SimilarDocument[] };
}

/** A reason with nothing more to say than itself. */
export type PlainReason = Exclude<FailureReason, keyof ReasonPayloads>;

/**
 * The reason with what it carries, typed by the reason and set with it where the error is born:
 * one member per reason, so a switch on `reason` narrows to its payload.
 */
export type ReasonPayload =
  | { reason?: undefined }
  | { [R in FailureReason]: { reason: R } & (R extends keyof ReasonPayloads ? ReasonPayloads[R] : unknown) }[FailureReason];

export type AppError = {
  code: ErrorCode;
  /** One sentence in the user's words. */
  message: string;
  /** Further specifics, e.g. the first validation errors with their paths. */
  details?: string[];
  /** Per input field (e.g. a label's name, color, shortcut): what is wrong with it, for forms. */
  fields?: Record<string, string>;
} & ReasonPayload;

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = (code: ErrorCode, message: string, details?: string[], more: ReasonPayload & Pick<AppError, 'fields'> = {}): { ok: false; error: AppError } => ({
  ok: false,
  error: { code, message, ...(details && details.length > 0 ? { details } : {}), ...more },
});

/**
 * Problems by field path ("name", "attributes.0.key") as a form's field map: the first message
 * for each top-level field. Built where the problems are found, so no one parses messages back.
 */
export function fieldMap(problems: ReadonlyArray<{ field: string; message: string }>): Record<string, string> {
  const fields: Record<string, string> = Object.create(null);
  for (const p of problems) {
    const top = p.field.split('.')[0] || '(request)';
    if (!(top in fields)) fields[top] = p.message;
  }
  return { ...fields };
}

/** An error carrying an AppError, thrown inside the core and turned into a Result at the boundary. */
export class AppFailure extends Error {
  /** A refusal by an ownership or identity rule (code 'forbidden' with its reason). */
  static forbidden(reason: Extract<RefusalReason, PlainReason>, message: string, details?: string[]): AppFailure {
    return new AppFailure(details && details.length ? { code: 'forbidden', reason, message, details } : { code: 'forbidden', reason, message });
  }

  constructor(readonly error: AppError) {
    super(error.message);
    this.name = 'AppFailure';
  }
}
