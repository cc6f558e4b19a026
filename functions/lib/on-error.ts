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

/** The one error handler: every failure becomes the contract's JSON error; stack traces go to the log only. */
export const onError: ErrorHandler = (error) => {
  if (error instanceof ApiError) return errorResponse(error);
  if (error instanceof HTTPException) {
    const code = CODE_BY_STATUS[error.status] ?? 'bad_request';
    return errorResponse(new ApiError(code, error.message || 'The request could not be processed.'));
  }
  console.error('unhandled error', error);
  return errorResponse(
    new ApiError('internal_error', 'Something went wrong on our side. Try again in a moment; if it persists, tell us.'),
  );
};
