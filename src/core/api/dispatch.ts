import { contract, type ApiMethod, type ApiServices } from '../../shared/contract';
import { AppFailure, fail, fieldMap, ok, type Result } from '../../shared/result';

export type Dispatch = (method: string, payload: unknown) => Promise<Result<unknown>>;

const isApiMethod = (m: string): m is ApiMethod => Object.prototype.hasOwnProperty.call(contract, m);

/** Only the first few problems are returned; a hostile payload can have thousands. */
const MAX_DETAILS = 5;

/**
 * The handler table: validates a payload against the contract, runs the service, and
 * turns every outcome into a Result. Nothing thrown here ever reaches the caller.
 */
export function createDispatch(services: ApiServices, onInternalError: (err: unknown) => void = () => {}): Dispatch {
  return async (method, payload) => {
    if (typeof method !== 'string' || !isApiMethod(method)) return fail('invalid-input', 'Unknown request.');
    const parsed = contract[method].input.safeParse(payload ?? {});
    if (!parsed.success) {
      const problems = parsed.error.issues.slice(0, MAX_DETAILS).map((i) => ({ field: i.path.map(String).join('.') || '(request)', message: i.message }));
      return fail('invalid-input', 'The request was not valid.', problems.map((p) => `${p.field}: ${p.message}`), { fields: fieldMap(problems) });
    }
    try {
      const service = services[method] as (input: unknown) => unknown;
      return ok(await service(parsed.data));
    } catch (err) {
      if (err instanceof AppFailure) return { ok: false, error: err.error };
      if (isBusy(err)) return fail('busy', 'The library is busy with a long operation; this will be saved when it ends.');
      if (isDiskFull(err)) return fail('disk-full', 'The disk is full, so the change could not be saved. Free some space and try again.');
      onInternalError(err);
      return fail('internal', 'Something went wrong while saving. Your earlier work is safe; please try again.');
    }
  };
}

function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT';
}

function isDiskFull(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL';
}
