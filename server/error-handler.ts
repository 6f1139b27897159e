import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { ProblemError, sendProblem, type ProblemDetails } from './problem.ts';
import { buildValidationProblem } from './validation-problem.ts';

const MIB = 1024 * 1024;

/**
 * Installs an error handler that turns every error into a problem+json reply, including
 * Fastify's own body-parse, content-type, body-size and schema-validation errors.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    return sendProblem(request, reply, ...describeWithCause(error, request));
  });
}

/**
 * Describes an error as a problem, and returns the error as well when it was unexpected,
 * so that its stack is logged on the rejection's line.
 */
export function describeWithCause(error: FastifyError, request: FastifyRequest): [ProblemDetails, Error?] {
  const problem = describeError(error, request);
  return problem.code === 'internal_error' ? [problem, error] : [problem];
}

/** Describes any error raised while handling a request as a problem; unexpected ones become a 500. */
export function describeError(error: FastifyError, request: FastifyRequest): ProblemDetails {
  if (error instanceof ProblemError) return error.problem;
  if (error.validation) return buildValidationProblem(error.validation, error.validationContext, request);

  const contentType = request.headers['content-type'] ?? '(none)';
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return {
        status: 400,
        code: 'invalid_json',
        detail: 'Request body is not valid JSON. Send a JSON document with Content-Type application/json.',
      };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return {
        status: 400,
        code: 'empty_body',
        detail: 'Request body is empty but Content-Type is application/json. Send a JSON document.',
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        status: 415,
        code: 'unsupported_media_type',
        detail: `Content-Type ${contentType} is not accepted. Send the body as application/json.`,
      };
    case 'FST_ERR_CTP_BODY_TOO_LARGE': {
      const limitMiB = Math.round(request.routeOptions.bodyLimit / MIB);
      return {
        status: 413,
        code: 'body_too_large',
        detail: `Request body is larger than the ${limitMiB} MiB limit of ${request.method} ${request.url}. Send less data per request.`,
      };
    }
    case 'FST_ERR_BAD_URL':
      return {
        status: 400,
        code: 'invalid_url',
        detail: `Request path ${request.url} is not a valid URL: it has a broken percent-encoding. Encode the path again and send the request.`,
      };
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return {
        status: 414,
        code: 'uri_too_long',
        detail: `A path parameter of ${request.url.slice(0, 80)}… is longer than this server accepts. Check the id in the path.`,
      };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return {
        status: 400,
        code: 'invalid_content_length',
        detail: `Request body size does not match Content-Length ${request.headers['content-length'] ?? '(none)'}. Send the request again.`,
      };
  }

  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    return {
      status,
      code: 'bad_request',
      detail: `${error.message}. Check the request against the API description and send it again.`,
    };
  }

  return {
    status: 500,
    code: 'internal_error',
    detail: `The server failed to handle request ${request.id}. Try again; if it fails again, check the server log for this request id.`,
  };
}
