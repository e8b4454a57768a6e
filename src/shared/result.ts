// Results that cross a boundary (IPC, CLI, import) are values, never thrown stack traces.

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
  | 'internal';

export interface AppError {
  code: ErrorCode;
  /** One sentence in the user's words. */
  message: string;
  /** Further specifics, e.g. the first validation errors with their paths. */
  details?: string[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = (code: ErrorCode, message: string, details?: string[]): { ok: false; error: AppError } =>
  details && details.length > 0 ? { ok: false, error: { code, message, details } } : { ok: false, error: { code, message } };

/** An error carrying an AppError, thrown inside the core and turned into a Result at the boundary. */
export class AppFailure extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
    this.name = 'AppFailure';
  }
}
