// Errors of server calls. Callers branch on `error.name`: 'ApiError' when the server
// replied with an error, 'NetworkError' when no reply arrived, 'TimeoutError' when the
// reply took too long, and the caller's own 'AbortError' when the caller cancelled.

/** One field error of a validation problem document. */
export interface ProblemFieldError {
  path: string;
  message: string;
}

export interface ApiErrorInit {
  status: number;
  code: string;
  detail: string;
  errors?: ProblemFieldError[];
}

/** An error reply from the server, read from its RFC 9457 problem document. */
export class ApiError extends Error {
  override name = 'ApiError';
  /** HTTP status of the reply. */
  readonly status: number;
  /** Stable machine-readable reason, such as `order_id_conflict`. */
  readonly code: string;
  /** The server's explanation for people. */
  readonly detail: string;
  readonly errors: ProblemFieldError[];

  constructor(init: ApiErrorInit) {
    super(init.detail);
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail;
    this.errors = init.errors ?? [];
  }
}

/** A request that got no reply: the device is offline, or the server is unreachable. */
export class NetworkError extends Error {
  override name = 'NetworkError';
}

/** A request whose reply did not arrive within the client's time limit. */
export class TimeoutError extends Error {
  override name = 'TimeoutError';
}

/**
 * Builds the ApiError for an error reply. Uses the problem document's `code` and `detail`
 * when the body is one, and the HTTP status alone when it is not (as from a proxy).
 */
export function toApiError(status: number, request: string, body: unknown): ApiError {
  const problem = isRecord(body) ? body : {};
  const code = typeof problem.code === 'string' ? problem.code : `http_${status}`;
  const detail =
    typeof problem.detail === 'string'
      ? problem.detail
      : `${request} failed with HTTP ${status}${typeof problem.title === 'string' ? ` (${problem.title})` : ''}.`;
  const init: ApiErrorInit = { status, code, detail };
  if (Array.isArray(problem.errors)) {
    init.errors = problem.errors.filter(isFieldError);
  }
  return new ApiError(init);
}

/** Builds the ApiError for a success reply whose body is not what the API promises. */
export function invalidResponse(status: number, request: string, reason: string): ApiError {
  return new ApiError({
    status,
    code: 'invalid_response',
    detail:
      `${request} returned HTTP ${status} with an unexpected body: ${reason}. ` +
      'The server may run another API version.',
  });
}

/** Tests whether `error` is the cancellation of a request, which is never shown as a failure. */
export function isAbortError(error: unknown): boolean {
  return isRecord(error) && error.name === 'AbortError';
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFieldError(value: unknown): value is ProblemFieldError {
  return isRecord(value) && typeof value.path === 'string' && typeof value.message === 'string';
}
