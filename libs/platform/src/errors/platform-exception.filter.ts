import { STATUS_CODES } from 'node:http';
import { Catch, HttpException, type ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { throwError, type Observable } from 'rxjs';

/**
 * The one global exception filter (registered before the Kafka side is connected: Nest builds each
 * handler's error handling at that moment).
 * - Message handlers: errors go through unchanged, so the Kafka transport can tell a rejection from a
 *   failure. (Nest's default would replace every error with "Internal server error".)
 * - HTTP: every error has the design's shape `{ statusCode, error, message }`, including the ones
 *   raised before a controller runs (an oversized or malformed JSON body from the body parser).
 */
@Catch()
export class PlatformExceptionFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): Observable<never> | void {
    if (host.getType() === 'rpc') return throwError(() => exception);
    return super.catch(asHttpException(exception), host);
  }
}

/** body-parser's errors carry a 4xx status of their own; keep it, in the standard shape. */
function asHttpException(exception: unknown): unknown {
  if (exception instanceof HttpException) return exception;
  const { status, message, type } = (exception ?? {}) as { status?: number; message?: string; type?: string };
  if (typeof type !== 'string' || typeof status !== 'number' || status < 400 || status >= 500) return exception;
  return new HttpException({ statusCode: status, error: STATUS_CODES[status], message }, status);
}
