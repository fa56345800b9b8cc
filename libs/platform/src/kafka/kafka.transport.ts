// A NestJS custom transport on kafkajs: the one place where Waybill's consuming semantics live
// (docs/patterns/inbox.md, docs/patterns/dead-letters.md). Handlers stay the NestJS way,
// `@EventPattern(StockReserved.name)` on a controller; for every message this class
//
//   1. validates it against its contract (malformed, schema-invalid or unknown → dead letter at once);
//   2. runs the handler inside one database transaction together with the inbox record, so a
//      redelivered message is a no-op (exactly-once effect);
//   3. retries a failing handler in place with exponential backoff and jitter, then dead-letters it;
//      waits out a database outage instead (every message would fail the same way);
//   4. commits the offset (offset + 1) only after the transaction, or the dead letter, is safe.
//
// It also fixes what the stock Kafka transport leaves to chance: partitions are consumed concurrently,
// heartbeats continue during long handlers (no rebalance storms), the consumer is supervised (if it
// dies, /health turns red and it is restarted with backoff), and handler errors reach this class
// unchanged (see errors/platform-exception.filter.ts).
import { CustomTransportStrategy, Server, type MessageHandler } from '@nestjs/microservices';
import { context, SpanKind, trace } from '@opentelemetry/api';
import { validateMessage, type Envelope } from '@waybill/contracts';
import { parkDeadLetter, type DeadLetterReason } from '@waybill/dead-letters';
import { handleOnce, type InboxOutcome } from '@waybill/inbox';
import { Kafka, type Consumer, type EachMessagePayload, type KafkaMessage, type Producer } from 'kafkajs';
import { Store, storage } from 'nestjs-pino/storage';
import type { Logger } from 'pino';
import { lastValueFrom } from 'rxjs';
import type { DataSource, EntityManager } from 'typeorm';
import type { ServiceMetrics } from '../metrics/metrics';
import type { KafkaConsumerStatus } from './consumer-status';
import { kafkajsLogCreator } from './kafkajs-logger';
import { MessageContext } from './message-context';
import { isInfrastructureFailure, MessageRejectedError } from './message-failures';
import { contextOf, tracer } from '../tracing/tracing';

export interface RetryPolicy {
  /** Handler attempts before the message is dead-lettered (the first try included). */
  attempts: number;
  /** Delay before the second attempt; it doubles each time, with ±20 % jitter. */
  initialDelayMs: number;
}

export interface KafkaTransportOptions {
  service: string;
  brokers: string[];
  topicPrefix: string;
  consumes: readonly string[];
  dataSource: DataSource;
  status: KafkaConsumerStatus;
  metrics: ServiceMetrics;
  logger: Logger;
  retry?: RetryPolicy;
  /** A deterministic crash point for failure tests (after the effect committed, before the offset is). */
  afterEffectBeforeOffsetCommit?: (envelope: Envelope) => void | Promise<void>;
}

type Outcome = InboxOutcome | 'ignored' | 'dead-lettered';

const DEFAULT_RETRY: RetryPolicy = { attempts: 4, initialDelayMs: 200 };
/** Partitions handled at the same time; within a partition, messages stay strictly in order. */
const CONCURRENT_PARTITIONS = 4;
const HEARTBEAT_EVERY_MS = 3_000;

const jittered = (ms: number): number => ms * (0.8 + Math.random() * 0.4);
const backoff = (initialMs: number, attempt: number, capMs = 30_000): number => jittered(Math.min(capMs, initialMs * 2 ** attempt));

class TransportClosingError extends Error {}

export class KafkaTransport extends Server implements CustomTransportStrategy {
  private readonly kafka: Kafka;
  private readonly retry: RetryPolicy;
  private consumer?: Consumer;
  private producer?: Producer;
  private restartTimer?: NodeJS.Timeout;
  private restartAttempt = 0;
  private closing = false;

  constructor(private readonly options: KafkaTransportOptions) {
    super();
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.kafka = new Kafka({ clientId: options.service, brokers: options.brokers, logCreator: kafkajsLogCreator(options.logger) });
  }

  listen(callback: (error?: unknown) => void): void {
    this.start().then(() => callback(), callback);
  }

  async close(): Promise<void> {
    this.closing = true;
    clearTimeout(this.restartTimer);
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
    this.options.status.change('stopped');
  }

  /** Nest's server event API; this transport reports through KafkaConsumerStatus and metrics instead. */
  on(): this {
    return this;
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  private async start(): Promise<void> {
    // The dead-letter producer: idempotent, so a retried send never parks the same message twice.
    this.producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await this.producer.connect();
    await this.startConsumer();
  }

  private async startConsumer(): Promise<void> {
    const { service, topicPrefix, consumes, status, metrics } = this.options;
    const consumer = this.kafka.consumer({
      groupId: service,
      // How long the group waits for a silent member before handing its partitions to the others.
      // kafkajs's 30 s default means a crashed-and-restarted service idles that long; 10 s (three
      // missed heartbeats) is plenty, since heartbeats continue during long handlers (see below).
      sessionTimeout: 10_000,
      heartbeatInterval: HEARTBEAT_EVERY_MS,
      // An idle fetch waits this long at the broker; closing waits for it (kafkajs's default is 5 s).
      maxWaitTimeInMs: 1_000,
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
    await consumer.subscribe({ topics: consumes.map((topic) => `${topicPrefix}${topic}`), fromBeginning: true });
    await consumer.run({
      autoCommit: false, // offsets are committed by hand, only once the message is safely handled
      partitionsConsumedConcurrently: CONCURRENT_PARTITIONS,
      eachMessage: (payload) => this.consume(consumer, payload),
    });
  }

  /** STOP and CRASH both arrive for one failure; only the first schedules a restart. */
  private consumerLost(consumer: Consumer, reason: string): void {
    if (this.closing || consumer !== this.consumer || this.restartTimer) return;
    const delay = backoff(1_000, this.restartAttempt++);
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

  private async consume(consumer: Consumer, { topic, partition, message, heartbeat }: EachMessagePayload): Promise<void> {
    // Heartbeats go on while a slow handler runs, so the group does not think this member died.
    const heartbeats = setInterval(() => heartbeat().catch(() => undefined), HEARTBEAT_EVERY_MS);
    try {
      const { outcome, type, envelope } = await this.process(topic, partition, message);
      if (outcome === 'handled' && envelope) await this.options.afterEffectBeforeOffsetCommit?.(envelope);
      // The offset *after* this message: the next one to read. Committed only now, after the effect
      // (or the dead letter) is durable, so a crash before this line means redelivery, never loss.
      await consumer.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
      this.options.metrics.messagesConsumed.inc({ topic: this.unprefixed(topic), type, outcome });
    } finally {
      clearInterval(heartbeats);
    }
  }

  private async process(topic: string, partition: number, message: KafkaMessage): Promise<{ outcome: Outcome; type: string; envelope?: Envelope }> {
    const validation = validateMessage(message.value);
    if (!validation.ok) {
      const type = validation.type ?? 'unknown';
      await this.deadLetter(topic, partition, message, { reason: validation.reason, error: validation.detail, attempts: 1 });
      return { outcome: 'dead-lettered', type };
    }
    const { envelope, definition } = validation;
    const handler = this.getHandlerByPattern(definition.name);
    if (!handler) return { outcome: 'ignored', type: definition.name }; // a fact this service does not care about

    const logger = this.options.logger.child({ correlationId: envelope.correlationId, messageId: envelope.id, messageType: definition.name });
    // Continue the producer's trace: the Kafka header first (set by the outbox relay), else the envelope.
    const parent = contextOf(message.headers?.traceparent?.toString() ?? envelope.traceparent);
    const span = tracer().startSpan(`${definition.name} process`, { kind: SpanKind.CONSUMER, attributes: { 'messaging.destination.name': topic } }, parent);
    try {
      return await context.with(trace.setSpan(parent, span), () => this.handleWithRetries(topic, partition, message, envelope, definition.name, handler, logger));
    } finally {
      span.end();
    }
  }

  private async handleWithRetries(
    topic: string,
    partition: number,
    message: KafkaMessage,
    envelope: Envelope,
    type: string,
    handler: MessageHandler,
    logger: Logger,
  ): Promise<{ outcome: Outcome; type: string; envelope?: Envelope }> {
    const context = (transaction: EntityManager) => new MessageContext([envelope, transaction, { topic, partition, offset: message.offset }]);
    let firstFailureAt: Date | undefined;
    let outages = 0;
    for (let attempt = 1; ; attempt++) {
      this.throwIfClosing();
      try {
        const outcome = await storage.run(new Store(logger), () =>
          handleOnce(this.options.dataSource, envelope, async (transaction) => {
            const result = await handler(envelope, context(transaction));
            await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
          }),
        );
        return { outcome, type, envelope };
      } catch (error) {
        if (error instanceof TransportClosingError) throw error;
        firstFailureAt ??= new Date();
        if (isInfrastructureFailure(error)) {
          attempt--; // an outage is not the message's fault: it does not use up its attempts
          const delay = backoff(500, outages++);
          logger.warn({ err: error, retryInMs: Math.round(delay) }, 'database unavailable; waiting before trying again');
          await this.sleep(delay);
          continue;
        }
        const rejected = error instanceof MessageRejectedError;
        if (rejected || attempt >= this.retry.attempts) {
          logger.error({ err: error, attempts: attempt }, rejected ? 'handler rejected the message' : 'handler kept failing');
          await this.deadLetter(topic, partition, message, {
            reason: rejected ? 'HANDLER_REJECTED' : 'HANDLER_FAILED',
            error: (error as Error).message ?? String(error),
            stack: (error as Error).stack,
            attempts: attempt,
            firstFailureAt,
          });
          return { outcome: 'dead-lettered', type };
        }
        const delay = backoff(this.retry.initialDelayMs, attempt - 1);
        logger.warn({ err: error, attempt, retryInMs: Math.round(delay) }, 'handler failed; retrying');
        await this.sleep(delay);
      }
    }
  }

  /**
   * Parks the message in `<topic>.dlq`. If Kafka will not take the dead letter, keep trying: the
   * offset must not move past a message that is neither handled nor parked.
   */
  private async deadLetter(
    topic: string,
    partition: number,
    message: KafkaMessage,
    failure: { reason: DeadLetterReason; error: string; stack?: string; attempts: number; firstFailureAt?: Date },
  ): Promise<void> {
    const failed = { topic, partition, offset: message.offset, key: message.key, value: message.value, headers: message.headers };
    for (let attempt = 0; ; attempt++) {
      this.throwIfClosing();
      try {
        await parkDeadLetter(this.producer!, failed, {
          ...failure,
          firstFailureAt: failure.firstFailureAt ?? new Date(),
          consumerGroup: this.options.service,
        });
        this.options.logger.warn({ topic, partition, offset: message.offset, reason: failure.reason, error: failure.error }, 'message dead-lettered');
        return;
      } catch (error) {
        const delay = backoff(500, attempt);
        this.options.logger.error({ err: error, retryInMs: Math.round(delay) }, 'could not write the dead letter; the offset stays put');
        await this.sleep(delay);
      }
    }
  }

  private throwIfClosing(): void {
    if (this.closing) throw new TransportClosingError('transport closing: leaving the message uncommitted for redelivery');
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }

  private unprefixed(topic: string): string {
    return topic.slice(this.options.topicPrefix.length);
  }
}
