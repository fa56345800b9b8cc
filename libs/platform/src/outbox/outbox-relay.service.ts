import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { OutboxRelay } from '@waybill/outbox';
import { Kafka } from 'kafkajs';
import { PinoLogger } from 'nestjs-pino';
import { Gauge } from 'prom-client';
import { ServiceMetrics } from '../metrics/metrics';
import type { ServiceConfig } from '../config/service-config';
import { kafkajsLogCreator } from '../kafka/kafkajs-logger';
import { SERVICE_CONFIG, SERVICE_DEFINITION } from '../tokens';
import type { ServiceDefinition } from '../service-definition';

/** Runs the service's outbox relay (libs/outbox) for as long as the service runs. */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly relay: OutboxRelay;

  constructor(
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
    @Inject(SERVICE_DEFINITION) definition: ServiceDefinition,
    logger: PinoLogger,
    metrics: ServiceMetrics,
  ) {
    const relayLogger = logger.logger.child({ component: 'outbox-relay' });
    this.relay = new OutboxRelay({
      databaseUrl: config.DATABASE_URL,
      schema: config.DATABASE_SCHEMA,
      topicPrefix: config.TOPIC_PREFIX,
      kafka: new Kafka({ clientId: `${definition.name}-outbox`, brokers: config.KAFKA_BROKERS, logCreator: kafkajsLogCreator(relayLogger) }),
      logger: relayLogger,
    });
    const relay = this.relay;
    new Gauge({
      name: 'outbox_published_messages',
      help: 'Messages this process has moved from the outbox to Kafka since it started.',
      registers: [metrics.registry],
      collect() {
        this.set(relay.published);
      },
    });
  }

  onApplicationBootstrap(): Promise<void> {
    return this.relay.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.relay.stop();
  }
}
