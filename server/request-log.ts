import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** Fields a route adds to the request's completion line, such as the order id, or null. */
    logFields: Record<string, unknown> | null;
  }
}

/**
 * Fastify's request log lines, one per request at info level. Fastify 5.12 writes two by
 * default, `incoming request` and `request completed`, and the second line was a measurable
 * share of an order's CPU time. The completion line carries the method, URL, client address,
 * status, time taken in ms and the route's `request.logFields`, as flat fields that skip
 * Fastify's request and reply serializers. `incoming request` is still written at debug level
 * (LOG_LEVEL=debug), for following a request that has not finished. Rejections get their
 * own `request rejected` line from sendProblem, with the reason.
 */
export class RequestLog extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    request.log.debug({ method: request.method, url: request.url, remoteAddress: request.ip }, 'incoming request');
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const fields = {
      method: request.method,
      url: request.url,
      remoteAddress: request.ip,
      statusCode: reply.statusCode,
      responseTime: reply.elapsedTime,
      ...request.logFields,
    };
    // An error here means the reply could not be written, such as a connection closed mid-reply.
    if (error) reply.log.error({ ...fields, err: error }, 'request errored');
    else reply.log.info(fields, 'request completed');
  }
}
