import { ERRORS, type ErrorCode } from '../../shared/errors.js';

/**
 * A domain error a person may see. `internal` is for the log only; the person gets the
 * registry's message (or `detail`, a more specific Vietnamese sentence) in problem+json.
 */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly options: {
      internal?: string;
      detail?: string;
      errors?: Array<{ path: string; message: string }>;
      retryAfter?: number;
      cause?: unknown;
    } = {},
  ) {
    super(options.internal ?? code, { cause: options.cause });
    this.name = 'AppError';
    this.status = ERRORS[code].status;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** PostgreSQL unique violation on a named constraint/index → the given domain error. */
export function uniqueViolation(error: unknown): string | undefined {
  const e = error as { code?: string; constraint?: string } | null;
  return e && e.code === '23505' ? (e.constraint ?? '') : undefined;
}
