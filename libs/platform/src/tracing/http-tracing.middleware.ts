import { Injectable, NestMiddleware } from '@nestjs/common';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { NextFunction, Request, Response } from 'express';
import { contextOf, tracer } from './tracing';

/**
 * One server span per HTTP request, continuing the caller's trace when it sends a `traceparent`.
 * Everything the request does runs inside it, so a message written to the outbox while handling the
 * request carries this trace onward.
 */
@Injectable()
export class HttpTracingMiddleware implements NestMiddleware {
  use(request: Request, response: Response, next: NextFunction): void {
    const header = request.headers.traceparent;
    const parent = contextOf(typeof header === 'string' ? header : undefined);
    const span = tracer().startSpan(`${request.method} ${request.path}`, { kind: SpanKind.SERVER }, parent);
    response.on('finish', () => {
      span.setAttribute('http.response.status_code', response.statusCode);
      if (response.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(parent, span), next);
  }
}
