import type { ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ApiError, type ErrorCode, errorResponse } from './errors.ts';

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'validation_failed',
  429: 'rate_limited',
};

// What D1 says when it is overloaded, out of time or its one writer is held (Cloudflare's D1 error list):
// a retry can succeed, so these are 503 with Retry-After, never a bare 500.
const DATABASE_BUSY =
  /D1_ERROR.*(overloaded|timed? ?out|timeout|reset|busy|locked|too many)|database (is )?(busy|locked)|Network connection lost|storage operation exceeded timeout|Cannot resolve D1 DB due to transient issue/i;

/** True for a database error that a later retry can get past (overload, timeout, a reset connection). */
export function isDatabaseBusy(error: unknown): boolean {
  return error instanceof Error && DATABASE_BUSY.test(`${error.message} ${String(error.cause ?? '')}`);
}

/** The one error handler: every failure becomes the contract's JSON error; stack traces go to the log only. */
export const onError: ErrorHandler = (error) => {
  if (error instanceof ApiError) return errorResponse(error);
  if (error instanceof HTTPException) {
    const code = CODE_BY_STATUS[error.status] ?? 'bad_request';
    return errorResponse(new ApiError(code, error.message || 'The request could not be processed.'));
  }
  if (isDatabaseBusy(error)) {
    return errorResponse(
      new ApiError(
        'service_unavailable',
        'The database is busy or did not answer in time; nothing was lost. Send the same request again in a few seconds.',
        [],
        { 'Retry-After': '5' },
      ),
    );
  }
  console.error('unhandled error', error);
  return errorResponse(
    new ApiError('internal_error', 'Something went wrong on our side. Try again in a moment; if it persists, tell us.'),
  );
};
