import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ServiceMetrics } from './metrics';

/**
 * Times every HTTP request. The label is the route *pattern* (`/orders/:orderId`), never the raw URL:
 * one time series per order id would exhaust Prometheus.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: ServiceMetrics) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const stopTimer = this.metrics.httpRequestDuration.startTimer({ method: request.method });
    response.on('finish', () => {
      const route = (request.route as { path?: string } | undefined)?.path ?? 'unmatched';
      stopTimer({ route: `${request.baseUrl}${route}`, status: String(response.statusCode) });
    });
    next();
  }
}
