import { API_METHODS } from '../../shared/api-methods';
import type { ApiServices } from '../../shared/contract';
import { AppFailure, type AppError } from '../../shared/result';

/**
 * Stands in for the services when the library could not be opened: every call reports
 * why and where, and nothing touches the file.
 */
export function createUnavailableServices(databasePath: string, reason: AppError): ApiServices {
  const refuse = (): never => {
    throw new AppFailure({ code: 'storage', message: reason.message, details: [`Library file: ${databasePath}`, ...(reason.details ?? [])] });
  };
  return Object.fromEntries(API_METHODS.map((m) => [m, refuse])) as unknown as ApiServices;
}
