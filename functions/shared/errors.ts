import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Machine codes of the single error shape, with the HTTP status each one travels with. */
export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation_failed: 422,
  rate_limited: 429,
  internal_error: 500,
  not_implemented: 501,
  service_unavailable: 503,
} as const satisfies Record<string, ContentfulStatusCode>;

/** One of the machine codes above. */
export type ErrorCode = keyof typeof ERROR_STATUS;

/** The body every `/api/*` error has: `{"error": {"code", "message", "details"}}`. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details: unknown[] };
}

/** An error a handler throws on purpose; `onError` renders it as the contract's JSON. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown[];
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, message: string, details: unknown[] = [], headers: Record<string, string> = {}) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
    this.headers = headers;
  }

  /** The HTTP status of this error's code. */
  get status(): ContentfulStatusCode {
    return ERROR_STATUS[this.code];
  }

  /** The JSON body for this error. */
  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, details: this.details } };
  }
}

/** Builds the JSON `Response` for an error without throwing (for places outside Hono's handlers). */
export function errorResponse(error: ApiError): Response {
  return new Response(JSON.stringify(error.toBody()), {
    status: error.status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...error.headers },
  });
}
