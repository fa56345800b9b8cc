// A NestJS custom transport on kafkajs. Handlers stay the NestJS way (`@EventPattern('<message type>')`
// on a controller); this class owns what the stock Kafka transport leaves to chance:
//   - the consumer is supervised: if it crashes or stops, /health turns red and it is restarted with
//     backoff, instead of the process living on without consuming;
//   - each message runs with its correlation id in the log context.
// Reliability semantics (inbox, retries, dead letters) are layered on in libs/messaging.
import { randomUUID } from 'node:crypto';
import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { Kafka, type Consumer, type EachMessagePayload } from 'kafkajs';
import { Store, storage } from 'nestjs-pino/storage';
import type { Logger } from 'pino';
import { lastValueFrom } from 'rxjs';
import type { ServiceMetrics } from '../metrics/metrics';
import type { KafkaConsumerStatus } from './consumer-status';
import { kafkajsLogCreator } from './kafkajs-logger';
import { prefixed } from './topics';

export interface KafkaTransportOptions {
  service: string;
  brokers: string[];
  topicPrefix: string;
  consumes: readonly string[];
  status: KafkaConsumerStatus;
  metrics: ServiceMetrics;
  logger: Logger;
}

/** Restart delays grow 1 s, 2 s, 4 s … up to 30 s, with jitter so that replicas do not restart in lockstep. */
const restartDelayMs = (attempt: number): number => Math.min(30_000, 1_000 * 2 ** attempt) * (0.8 + Math.random() * 0.4);

export class KafkaTransport extends Server implements CustomTransportStrategy {
  private readonly kafka: Kafka;
  private consumer?: Consumer;
  private restartTimer?: NodeJS.Timeout;
  private restartAttempt = 0;
  private closing = false;

  constructor(private readonly options: KafkaTransportOptions) {
    super();
    this.kafka = new Kafka({
      clientId: options.service,
      brokers: options.brokers,
      logCreator: kafkajsLogCreator(options.logger),
    });
  }

  listen(callback: (error?: unknown) => void): void {
    this.startConsumer().then(() => callback(), callback);
  }

  async close(): Promise<void> {
    this.closing = true;
    clearTimeout(this.restartTimer);
    await this.consumer?.disconnect();
    this.options.status.change('stopped');
  }

  /** Nest's server event API; this transport reports through KafkaConsumerStatus and metrics instead. */
  on(): this {
    return this;
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  private async startConsumer(): Promise<void> {
    const { service, topicPrefix, consumes, status, metrics } = this.options;
    const consumer = this.kafka.consumer({
      groupId: service,
      // How long the group waits for a silent member before handing its partitions to the others.
      // kafkajs's 30 s default means a crashed-and-restarted service idles that long; 10 s (three
      // missed heartbeats) is still far above any pause this process should have between messages.
      sessionTimeout: 10_000,
      heartbeatInterval: 3_000,
      // kafkajs would restart some crashes itself and give up on others; one policy, ours, is clearer.
      retry: { restartOnFailure: async () => false },
    });
    this.consumer = consumer;
    status.change('starting');

    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.restartAttempt = 0;
      status.change('consuming');
      metrics.consumerUp.set(1);
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => this.consumerLost(consumer, `crashed: ${payload.error.message}`));
    consumer.on(consumer.events.STOP, () => this.consumerLost(consumer, 'stopped'));

    await consumer.connect();
    await consumer.subscribe({ topics: consumes.map((topic) => prefixed(topicPrefix, topic)), fromBeginning: true });
    await consumer.run({ eachMessage: (payload) => this.handle(payload) });
  }

  /** STOP and CRASH both arrive for one failure; only the first schedules a restart. */
  private consumerLost(consumer: Consumer, reason: string): void {
    if (this.closing || consumer !== this.consumer || this.restartTimer) return;
    const delay = restartDelayMs(this.restartAttempt++);
    this.options.status.change('down', `consumer ${reason}; restarting in ${Math.round(delay)} ms`);
    this.options.metrics.consumerUp.set(0);
    this.options.logger.error({ reason, restartInMs: Math.round(delay) }, 'Kafka consumer lost; restarting');
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      consumer
        .disconnect()
        .catch(() => undefined)
        .then(() => this.startConsumer())
        .catch((error: Error) => this.consumerLost(this.consumer!, `failed to restart: ${error.message}`));
    }, delay);
  }

  private async handle({ topic, message }: EachMessagePayload): Promise<void> {
    const envelope = JSON.parse(message.value?.toString() ?? 'null') as { type?: string; correlationId?: string } | null;
    const type = envelope?.type ?? 'unknown';
    const handler = this.getHandlerByPattern(type);
    if (!handler) {
      this.options.logger.warn({ topic, type, offset: message.offset }, 'no handler for this message type; skipped');
      this.options.metrics.messagesConsumed.inc({ topic, type, outcome: 'skipped' });
      return;
    }
    const logger = this.options.logger.child({ correlationId: envelope?.correlationId ?? randomUUID(), messageType: type });
    await storage.run(new Store(logger), async () => {
      await lastValueFrom(this.transformToObservable(await handler(envelope)), { defaultValue: undefined });
    });
    this.options.metrics.messagesConsumed.inc({ topic, type, outcome: 'handled' });
  }
}
