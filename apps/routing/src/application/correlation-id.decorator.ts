import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

/**
 * The HTTP request's correlation id: the caller's `x-correlation-id`, or the one the platform minted
 * for the request (libs/platform/src/logging/logging.module.ts). Messages a request causes carry it, so
 * the request's log lines and the messages' can be found together.
 */
export const CorrelationId = createParamDecorator((_: unknown, context: ExecutionContext): string => {
  const { id } = context.switchToHttp().getRequest<{ id?: unknown }>();
  return typeof id === 'string' && id.length > 0 ? id : randomUUID();
});
