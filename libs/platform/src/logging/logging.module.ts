// Structured JSON logs (pino, through nestjs-pino) with a correlation id on every line: taken from the
// caller's `x-correlation-id` header or minted here for HTTP, and taken from the envelope for Kafka
// messages (see kafka/kafka.transport.ts), so one order's story can be followed across all services.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { ServiceConfig } from '../config/service-config';

export const CORRELATION_ID_HEADER = 'x-correlation-id';

/** Probes are polled every few seconds; logging each one would bury the interesting lines. */
const QUIET_PATHS = new Set(['/health', '/metrics']);

@Module({})
export class LoggingModule {
  static forRoot(service: string, config: ServiceConfig): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            name: service,
            level: config.LOG_LEVEL,
            base: { service },
            transport: config.LOG_FORMAT === 'pretty' ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
            genReqId: (request: IncomingMessage, response: ServerResponse) => {
              const given = request.headers[CORRELATION_ID_HEADER];
              const correlationId = typeof given === 'string' && given.length > 0 ? given : randomUUID();
              response.setHeader(CORRELATION_ID_HEADER, correlationId);
              return correlationId;
            },
            customProps: (request: IncomingMessage) => ({ correlationId: request.id }),
            autoLogging: { ignore: (request: IncomingMessage) => QUIET_PATHS.has(request.url?.split('?')[0] ?? '') },
          },
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
