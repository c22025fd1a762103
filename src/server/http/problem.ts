import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ERRORS, problemType, type ErrorCode, type Problem } from '../../shared/errors.js';
import { AppError } from './app-error.js';
import { describeValidationErrors } from './validation-messages.js';

function prefersEnglish(request: FastifyRequest): boolean {
  const header = request.headers['accept-language'];
  return typeof header === 'string' && /^en\b/i.test(header.trim());
}

export function renderProblem(request: FastifyRequest, reply: FastifyReply, error: AppError): FastifyReply {
  const entry = ERRORS[error.code];
  const english = prefersEnglish(request);
  const body: Problem = {
    type: problemType(error.code),
    title: english ? entry.en : entry.vi,
    status: entry.status,
    detail: error.options.detail ?? (english ? entry.en : entry.vi),
    code: error.code,
    instance: request.url.split('?')[0] ?? request.url,
    requestId: String(request.id),
  };
  if (error.options.errors) body.errors = error.options.errors;
  if (error.options.retryAfter !== undefined) {
    body.retryAfter = error.options.retryAfter;
    void reply.header('retry-after', String(error.options.retryAfter));
  }
  return reply.status(entry.status).type('application/problem+json; charset=utf-8').send(body);
}

/** Maps Fastify's own errors (body parsing, validation, limits) onto registry codes. */
function fromFastifyError(error: FastifyError): AppError | undefined {
  if (error.validation) {
    const part = error.validationContext ?? 'body';
    return new AppError('VALIDATION_FAILED', {
      internal: error.message,
      errors: describeValidationErrors(error.validation, part),
    });
  }
  const byCode: Partial<Record<string, ErrorCode>> = {
    FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
    FST_ERR_CTP_EMPTY_JSON_BODY: 'EMPTY_BODY',
    FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
    FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
    FST_ERR_CTP_INVALID_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  };
  const mapped = error.code ? byCode[error.code] : undefined;
  if (mapped) return new AppError(mapped, { internal: error.message });
  if (error instanceof SyntaxError || error.statusCode === 400) {
    return new AppError('MALFORMED_JSON', { internal: error.message });
  }
  if (error.statusCode === 413) return new AppError('PAYLOAD_TOO_LARGE', { internal: error.message });
  if (error.statusCode === 415) return new AppError('UNSUPPORTED_MEDIA_TYPE', { internal: error.message });
  if (error.statusCode === 429) return new AppError('RATE_LIMITED', { internal: error.message });
  return undefined;
}

/** One error handler for the whole app: known errors become problems, anything else a 500 that leaks nothing. */
export function registerProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known = error instanceof AppError ? error : fromFastifyError(error);
    if (known) {
      if (known.status >= 500) request.log.error({ err: error }, known.message);
      else request.log.info({ code: known.code, reason: known.message }, 'request refused');
      return renderProblem(request, reply, known);
    }
    request.log.error({ err: error }, 'unhandled error');
    return renderProblem(request, reply, new AppError('INTERNAL'));
  });
}
