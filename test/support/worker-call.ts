import type { Result } from '../../src/shared/result';

/** Anything that answers calls the way the library worker (or the services' dispatch) does. */
interface Dispatcher {
  dispatch(method: string, payload: unknown): Promise<unknown>;
}

/** Calls `method` and returns its value; a failed call throws, naming the method and the message. */
export async function callOk<T>(target: Dispatcher, method: string, payload: unknown): Promise<T> {
  const r = (await target.dispatch(method, payload)) as Result<T>;
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value;
}
