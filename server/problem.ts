import { STATUS_CODES } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** One field-level validation failure, with a JSON Pointer into the request part at fault. */
export interface ProblemFieldError {
  path: string;
  message: string;
}

/** The parts of an RFC 9457 problem document that this server sets. */
export interface ProblemDetails {
  status: number;
  /** Stable, machine-readable reason, e.g. `invalid_pattern`. */
  code: string;
  /** For people: names the value at fault and what to do next. */
  detail: string;
  errors?: ProblemFieldError[];
}

/** An error that a route throws to reply with a problem document. */
export class ProblemError extends Error {
  readonly problem: ProblemDetails;

  constructor(problem: ProblemDetails) {
    super(problem.detail);
    this.name = 'ProblemError';
    this.problem = problem;
  }
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** Creates a ProblemError for a 400 with the given code and detail. */
export function badRequest(code: string, detail: string, errors?: ProblemFieldError[]): ProblemError {
  return new ProblemError({ status: 400, code, detail, ...(errors ? { errors } : {}) });
}

/**
 * Sends a problem document and logs the rejection, once, with its reason code; the
 * request's logger adds the request id. `cause` is the unexpected error behind a 5xx, logged
 * on the same line.
 *
 * Client errors are logged at info level because they are expected traffic. The detail
 * never contains a token or pairing code, so it is safe to log.
 */
export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: ProblemDetails, cause?: Error): FastifyReply {
  const level = problem.status >= 500 ? 'error' : 'info';
  request.log[level](
    { status: problem.status, code: problem.code, detail: problem.detail, ...(cause === undefined ? {} : { err: cause }) },
    'request rejected',
  );

  const body = {
    type: 'about:blank',
    title: STATUS_CODES[problem.status] ?? 'Error',
    status: problem.status,
    detail: problem.detail,
    code: problem.code,
    ...(problem.errors ? { errors: problem.errors } : {}),
  };
  return reply.code(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
}
