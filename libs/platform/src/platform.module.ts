import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Kafka } from 'kafkajs';
import { loadServiceConfig, type ServiceConfig } from './config/service-config';
import { AfterCommitReactions } from './database/after-commit';
import { dataSourceOptions } from './database/data-source-options';
import { HealthController } from './health/health.controller';
import { KafkaHealthIndicator } from './health/kafka.health';
import { KafkaConsumerStatus } from './kafka/consumer-status';
import { LoggingModule } from './logging/logging.module';
import { HttpMetricsMiddleware } from './metrics/http-metrics.middleware';
import { MetricsController } from './metrics/metrics.controller';
import { ServiceMetrics } from './metrics/metrics';
import { HttpTracingMiddleware } from './tracing/http-tracing.middleware';
import { OutboxRelayService } from './outbox/outbox-relay.service';
import { ReadModelsHealthIndicator } from './read-models/read-models.health';
import { ReadModels } from './read-models/read-models.service';
import type { ServiceDefinition } from './service-definition';
import { SERVICE_CONFIG, SERVICE_DEFINITION } from './tokens';

export { SERVICE_CONFIG, SERVICE_DEFINITION };

/**
 * Everything a Waybill service has in common, as one module a service imports:
 * validated configuration, JSON logs, the database connection, `/health`, `/metrics`, the Kafka
 * consumer's status, the outbox relay that publishes what the service wrote to its outbox, and the
 * projectors of its read models. `env` is injectable so tests can start a service against fresh topics and
 * a fresh schema without touching process.env.
 */
@Module({})
export class PlatformModule implements NestModule {
  static forRoot(definition: ServiceDefinition, env: NodeJS.ProcessEnv = process.env): DynamicModule {
    const config: ServiceConfig = loadServiceConfig(definition.name, definition.defaultPort, env);
    return {
      module: PlatformModule,
      global: true,
      imports: [
        LoggingModule.forRoot(definition.name, config),
        TypeOrmModule.forRoot({ ...dataSourceOptions(definition, config), retryAttempts: 3, retryDelay: 1_000 }),
        TerminusModule.forRoot({ logger: false }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        { provide: SERVICE_DEFINITION, useValue: definition },
        { provide: ServiceMetrics, useValue: new ServiceMetrics(definition.name) },
        { provide: Kafka, useValue: new Kafka({ clientId: `${definition.name}-health`, brokers: config.KAFKA_BROKERS, logLevel: 0 }) },
        KafkaConsumerStatus,
        KafkaHealthIndicator,
        OutboxRelayService,
        ReadModels,
        ReadModelsHealthIndicator,
        AfterCommitReactions,
      ],
      exports: [SERVICE_CONFIG, SERVICE_DEFINITION, ServiceMetrics, KafkaConsumerStatus, TypeOrmModule, OutboxRelayService, ReadModels, Kafka],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpTracingMiddleware, HttpMetricsMiddleware).forRoutes('*path');
  }
}
