import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Envelope } from '@waybill/contracts';
import { projectionLag, projectNow, ProjectionConsumer, type ProjectionConsumerState, type ProjectionLag } from '@waybill/read-models';
import { Kafka, type Admin } from 'kafkajs';
import { PinoLogger } from 'nestjs-pino';
import { Counter, Gauge } from 'prom-client';
import { DataSource, type EntityManager } from 'typeorm';
import type { ServiceConfig } from '../config/service-config';
import { kafkajsLogCreator } from '../kafka/kafkajs-logger';
import { isInfrastructureFailure } from '../kafka/message-failures';
import { ServiceMetrics } from '../metrics/metrics';
import type { ServiceDefinition } from '../service-definition';
import { SERVICE_CONFIG, SERVICE_DEFINITION } from '../tokens';

export interface ReadModelStatus {
  state: ProjectionConsumerState;
  /** Events on Kafka the view has not applied yet; absent when Kafka could not be asked. */
  lagEvents?: number;
  lagByTopic?: Record<string, number>;
  detail?: string;
}

/** How long a measured lag is reused: /metrics and /health may both ask within one scrape. */
const LAG_CACHE_MS = 1_000;

/**
 * Runs the projector of every read model of the service (libs/read-models) for as long as the service
 * runs, each in its consumer group `<service>.<view>`, and applies the service's own events to its
 * views at once when a command asks (`projectNow`, read-your-writes). Reports each view's lag as the
 * `read_model_lag_events` metric and in /health.
 */
@Injectable()
export class ReadModels implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly consumers: ProjectionConsumer[];
  private readonly kafka: Kafka;
  private admin?: Admin;
  private lastLag?: { at: number; lags: Promise<ProjectionLag[]> };

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(SERVICE_DEFINITION) private readonly definition: ServiceDefinition,
    @InjectDataSource() private readonly dataSource: DataSource,
    logger: PinoLogger,
    metrics: ServiceMetrics,
  ) {
    const projectionLogger = logger.logger.child({ component: 'read-models' });
    this.kafka = new Kafka({ clientId: `${definition.name}-read-models`, brokers: config.KAFKA_BROKERS, logCreator: kafkajsLogCreator(projectionLogger) });
    const applied = new Counter({
      name: 'read_model_events_applied_total',
      help: 'Events applied to a read model by its projector, by view and topic.',
      labelNames: ['view', 'topic'] as const,
      registers: [metrics.registry],
    });
    this.consumers = (definition.projections ?? []).map(
      (projection) =>
        new ProjectionConsumer({
          projection,
          kafka: this.kafka,
          dataSource,
          groupId: `${definition.name}.${projection.name}`,
          topicPrefix: config.TOPIC_PREFIX,
          logger: projectionLogger,
          isInfrastructureFailure,
          onApplied: (count, topic) => applied.inc({ view: projection.name, topic }, count),
        }),
    );
    const lags = () => this.lags();
    new Gauge({
      name: 'read_model_lag_events',
      help: 'Events on Kafka a read model has not applied yet, by view: how stale its queries may be.',
      labelNames: ['view'] as const,
      registers: [metrics.registry],
      async collect() {
        for (const lag of await lags().catch(() => [])) this.set({ view: lag.projection }, lag.events);
      },
    });
  }

  get projections() {
    return this.definition.projections ?? [];
  }

  /** Read-your-writes: apply the service's own `events` to its views inside `transaction` (libs/read-models/src/project-now.ts). */
  projectNow(transaction: EntityManager, events: readonly Envelope[]): Promise<void> {
    return projectNow(transaction, this.projections, events);
  }

  /** Each view's projector state and lag, for /health and the operations view. */
  async status(): Promise<Record<string, ReadModelStatus>> {
    const lags = await this.lags().catch((error: Error) => error);
    return Object.fromEntries(
      this.consumers.map((consumer, index) => {
        const name = this.projections[index]!.name;
        const lag = Array.isArray(lags) ? lags.find((candidate) => candidate.projection === name) : undefined;
        const status: ReadModelStatus = {
          state: consumer.state,
          ...(lag ? { lagEvents: lag.events, lagByTopic: lag.byTopic } : {}),
          ...(consumer.detail ? { detail: consumer.detail } : lags instanceof Error ? { detail: `lag unknown: ${lags.message}` } : {}),
        };
        return [name, status];
      }),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    await Promise.all(this.consumers.map((consumer) => consumer.start()));
  }

  /**
   * Before the application's shutdown hooks, so before TypeORM closes the connection pool: a projector
   * that found its database gone would wait the "outage" out and keep the process from ending.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.consumers.map((consumer) => consumer.stop()));
    await this.admin?.disconnect();
    this.admin = undefined;
    this.lastLag = undefined;
  }

  private lags(): Promise<ProjectionLag[]> {
    if (this.lastLag && Date.now() - this.lastLag.at < LAG_CACHE_MS) return this.lastLag.lags;
    const lags = (async () => {
      this.admin ??= this.kafka.admin();
      await this.admin.connect();
      return Promise.all(this.projections.map((projection) => projectionLag(this.admin!, this.dataSource.manager, projection, this.config.TOPIC_PREFIX)));
    })();
    this.lastLag = { at: Date.now(), lags };
    return lags;
  }
}
