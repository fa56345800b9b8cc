import { ValidationPipe, type DynamicModule, type INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { HttpAdapterHost, NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger, PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import type { ServiceConfig } from '../config/service-config';
import { KafkaConsumerStatus } from '../kafka/consumer-status';
import { PlatformExceptionFilter } from '../errors/platform-exception.filter';
import { KafkaTransport, type KafkaTransportOptions } from '../kafka/kafka.transport';
import { ServiceMetrics } from '../metrics/metrics';
import { startTracing } from '../tracing/tracing';
import { SERVICE_CONFIG, SERVICE_DEFINITION } from '../tokens';
import type { ServiceDefinition } from '../service-definition';

/**
 * Starts a service as a hybrid application: the HTTP API of the design and a Kafka consumer in one
 * process, sharing one dependency-injection container, so an HTTP controller and a message handler can
 * call the same use case. Used by every service's main.ts and by the tests, so both run the same code.
 */
const MAX_BODY = '64kb';

export interface RunningService {
  app: INestApplication;
  /** The Kafka side of the hybrid app (its consumer, its status). */
  kafka: KafkaTransport;
}

/** What a failure test may change about the transport (retry timing, a deterministic crash point). */
export type TransportOverrides = Partial<Pick<KafkaTransportOptions, 'retry' | 'afterEffectBeforeOffsetCommit'>>;

export async function startService(appModule: DynamicModule, overrides: TransportOverrides = {}): Promise<RunningService> {
  const app = await NestFactory.create<NestExpressApplication>(appModule, { bufferLogs: true, abortOnError: false, bodyParser: false });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  // HTTP conventions every service shares (DESIGN.md, "Public HTTP surface"): JSON bodies up to a sane
  // size (a larger one answers 413), and request DTOs validated with class-validator: a wrong or
  // *unknown* field answers 400 saying what is wrong, so a client can never set, say, a status.
  app.useBodyParser('json', { limit: MAX_BODY });
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));

  const config = app.get<ServiceConfig>(SERVICE_CONFIG);
  const definition = app.get<ServiceDefinition>(SERVICE_DEFINITION);
  startTracing(definition.name);
  // The pino logger nestjs-pino configured, for the parts that live outside dependency injection.
  const rootLogger = (await app.resolve(PinoLogger)).logger;
  const pino = rootLogger.child({ context: 'bootstrap' });

  SwaggerModule.setup(
    'docs',
    app,
    SwaggerModule.createDocument(app, new DocumentBuilder().setTitle(`Waybill ${definition.name}`).setVersion('1').build()),
  );

  const kafka = new KafkaTransport({
    service: definition.name,
    dataSource: app.get(DataSource),
    brokers: config.KAFKA_BROKERS,
    topicPrefix: config.TOPIC_PREFIX,
    consumes: definition.consumes,
    status: app.get(KafkaConsumerStatus),
    metrics: app.get(ServiceMetrics),
    logger: rootLogger,
    ...overrides,
  });
  app.useGlobalFilters(new PlatformExceptionFilter(app.get(HttpAdapterHost).httpAdapter));
  app.connectMicroservice({ strategy: kafka }, { inheritAppConfig: true });
  await app.startAllMicroservices();
  await app.listen(config.PORT, config.HOST);
  pino.info({ url: await app.getUrl() }, `${definition.name} ready`);
  return { app, kafka };
}

/** For main.ts: start, or print why not (a configuration error names the variable) and exit non-zero. */
export function runService(appModule: () => DynamicModule): void {
  Promise.resolve()
    .then(() => startService(appModule()))
    .catch((error: Error) => {
      console.error(error.name === 'InvalidConfigurationError' ? error.message : error);
      process.exit(1);
    });
}
