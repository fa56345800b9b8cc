// The projector: reads a view's event topics and applies each event to the view, moving the view's
// checkpoint in the same transaction (docs/patterns/cqrs.md). The live projector of every view and
// the rebuild (rebuild.ts) are both one of these; they differ only in the tables they write, the
// checkpoint they keep and their consumer group.
//
//   - Fast path: up to 100 events of one partition's Kafka batch in one transaction. A rebuild replays
//     thousands of events a second this way.
//   - A batch that fails is retried one event at a time, so one bad event cannot hold back the others:
//     it is retried in place with backoff, then parked in the topic's dead-letter topic with the error,
//     and the checkpoint moves past it. A schema-invalid event is parked at once.
//   - A database outage is waited out, not dead-lettered: every event would fail the same way.
//   - Exactly-once effect without an inbox: an event below the checkpoint has been applied, so a
//     redelivery (after a crash, a rebalance, a replay from Kafka's committed offset) is skipped.
import { validateMessage, type Envelope } from '@waybill/contracts';
import { parkDeadLetter, type DeadLetterReason } from '@waybill/dead-letters';
import type { Consumer, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import { checkpoints } from './checkpoints';
import { viewLock, viewTransaction, type Projection } from './projection';

export interface RetryPolicy {
  /** Attempts at one event before it is dead-lettered, the first included. */
  attempts: number;
  /** Delay before the second attempt; it doubles each time, with ±20 % jitter. */
  initialDelayMs: number;
}

export interface ProjectionConsumerOptions {
  projection: Projection;
  kafka: Kafka;
  dataSource: DataSource;
  /** The consumer group; also named on the dead letters this consumer parks. */
  groupId: string;
  topicPrefix: string;
  logger: Logger;
  /** Whose checkpoint rows to keep: the projection's name live, a shadow name during a rebuild. */
  checkpointName?: string;
  /** Physical table names: the live tables by default, shadow copies during a rebuild. */
  tables?: (name: string) => string;
  /** Live writers share the view lock with the rebuild's swap (projection.ts); a rebuild's shadow needs none. */
  takeViewLock?: boolean;
  retry?: RetryPolicy;
  /** "The database is unreachable" (wait) rather than "this event is bad" (retry, then dead-letter). */
  isInfrastructureFailure?: (error: unknown) => boolean;
  /**
   * What to do with an event the view cannot take: park it in the dead-letter topic (live), or only
   * log and count it (a rebuild: the live projector parked it already, the first time round).
   */
  poisonEvents?: 'dead-letter' | 'skip';
  /** Called after each committed batch with the number of events applied (metrics, rebuild progress). */
  onApplied?: (count: number, topic: string) => void;
}

export type ProjectionConsumerState = 'stopped' | 'starting' | 'consuming' | 'down';

interface ValidEvent {
  message: KafkaMessage;
  envelope: Envelope;
}

const DEFAULT_RETRY: RetryPolicy = { attempts: 4, initialDelayMs: 200 };
/**
 * Events applied in one transaction at most. A Kafka batch can hold thousands of events when the view is
 * behind; one transaction for all of them would hold the view's locks (and a stopping service) for seconds.
 */
const MAX_EVENTS_PER_TRANSACTION = 100;
const jittered = (ms: number): number => ms * (0.8 + Math.random() * 0.4);
const backoff = (initialMs: number, attempt: number, capMs = 30_000): number => jittered(Math.min(capMs, initialMs * 2 ** attempt));

class ConsumerClosingError extends Error {}

export class ProjectionConsumer {
  state: ProjectionConsumerState = 'stopped';
  /** Events skipped as poison since start (dead-lettered, or only logged in a rebuild). */
  poisonEventsSkipped = 0;
  /** Why the consumer is down, when it is. */
  detail?: string;
  private consumer?: Consumer;
  private producer?: Producer;
  private closing = false;
  private transactionsInFlight = 0;
  private restartTimer?: NodeJS.Timeout;
  private restartAttempt = 0;
  private readonly retry: RetryPolicy;
  private readonly checkpointName: string;
  private readonly tables: (name: string) => string;

  constructor(private readonly options: ProjectionConsumerOptions) {
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.checkpointName = options.checkpointName ?? options.projection.name;
    this.tables = options.tables ?? ((name) => name);
  }

  async start(): Promise<void> {
    this.closing = false;
    this.producer ??= this.options.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await this.producer.connect();
    await this.startConsumer();
  }

  /**
   * Stops applying at once: no transaction starts after this, and it resolves when the ones under way
   * have ended. Much quicker than `stop()` (leaving the consumer group takes seconds), which is why a
   * rebuild calls it while it holds writers back, and only stops the consumer afterwards.
   */
  async halt(): Promise<void> {
    this.closing = true;
    while (this.transactionsInFlight > 0) await this.sleep(2);
  }

  async stop(): Promise<void> {
    this.closing = true;
    clearTimeout(this.restartTimer);
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
    this.state = 'stopped';
  }

  private async startConsumer(): Promise<void> {
    const { kafka, groupId, topicPrefix, projection } = this.options;
    const consumer = kafka.consumer({
      groupId,
      sessionTimeout: 10_000,
      heartbeatInterval: 3_000,
      // How long an idle fetch waits at the broker for new events. Stopping waits for the fetch under way,
      // so kafkajs's 5 s default made every stop take up to 5 s per consumer; 1 s costs an idle request a second.
      maxWaitTimeInMs: 1_000,
      retry: { restartOnFailure: async () => false },
    });
    this.consumer = consumer;
    this.state = 'starting';
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.restartAttempt = 0;
      this.state = 'consuming';
      this.detail = undefined;
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => this.consumerLost(consumer, `crashed: ${payload.error.message}`));
    consumer.on(consumer.events.STOP, () => this.consumerLost(consumer, 'stopped'));
    await consumer.connect();
    await consumer.subscribe({ topics: projection.topics.map((topic) => `${topicPrefix}${topic}`), fromBeginning: true });
    await consumer.run({
      // Kafka's committed offset is only where to resume reading; the checkpoint in the view's database
      // decides what is applied. Auto-commit is safe because a batch resolves only after its transaction.
      autoCommit: true,
      partitionsConsumedConcurrently: 3,
      eachBatch: async ({ batch, heartbeat }) => {
        await this.handleBatch(batch.topic.slice(topicPrefix.length), batch.partition, batch.messages, heartbeat);
      },
    });
  }

  private consumerLost(consumer: Consumer, reason: string): void {
    if (this.closing || consumer !== this.consumer || this.restartTimer) return;
    const delay = backoff(1_000, this.restartAttempt++);
    this.state = 'down';
    this.detail = `consumer ${reason}; restarting in ${Math.round(delay)} ms`;
    this.options.logger.error({ projection: this.options.projection.name, reason }, 'projection consumer lost; restarting');
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      consumer
        .disconnect()
        .catch(() => undefined)
        .then(() => this.startConsumer())
        .catch((error: Error) => this.consumerLost(this.consumer!, `failed to restart: ${error.message}`));
    }, delay);
  }

  /** Applies one partition's batch: runs of valid events (at most MAX_EVENTS_PER_TRANSACTION) in one transaction each; invalid events parked between them. */
  private async handleBatch(topic: string, partition: number, messages: KafkaMessage[], heartbeat: () => Promise<void>): Promise<void> {
    let run: ValidEvent[] = [];
    const flush = async () => {
      this.throwIfClosing();
      if (run.length > 0) await this.applyRun(topic, partition, run);
      run = [];
      await heartbeat();
    };
    for (const message of messages) {
      const validation = validateMessage(message.value);
      if (validation.ok) {
        run.push({ message, envelope: validation.envelope });
        if (run.length >= MAX_EVENTS_PER_TRANSACTION) await flush();
        continue;
      }
      await flush();
      await this.parkAndSkip(topic, partition, message, { reason: validation.reason, error: validation.detail, attempts: 1 });
    }
    await flush();
  }

  private async applyRun(topic: string, partition: number, run: ValidEvent[]): Promise<void> {
    try {
      this.applied(await this.transaction((tx) => this.applyCheckpointed(tx, topic, partition, run)), topic);
    } catch (error) {
      if (error instanceof ConsumerClosingError) throw error;
      // Something in the batch failed: find out what, one event at a time, so the rest still get in.
      for (const event of run) await this.applyOneWithRetries(topic, partition, event);
    }
  }

  private async applyOneWithRetries(topic: string, partition: number, event: ValidEvent): Promise<void> {
    const firstFailureAt = new Date();
    for (let attempt = 1; ; attempt++) {
      try {
        this.applied(await this.transaction((tx) => this.applyCheckpointed(tx, topic, partition, [event])), topic);
        return;
      } catch (error) {
        if (error instanceof ConsumerClosingError) throw error;
        const logger = this.options.logger.child({ projection: this.options.projection.name, messageId: event.envelope.id, messageType: event.envelope.type });
        if (attempt >= this.retry.attempts) {
          logger.error({ err: error, attempts: attempt }, 'projection kept failing on this event; dead-lettering it');
          const failure = error as Error;
          await this.parkAndSkip(topic, partition, event.message, { reason: 'HANDLER_FAILED', error: failure.message ?? String(error), stack: failure.stack, attempts: attempt, firstFailureAt });
          return;
        }
        const delay = backoff(this.retry.initialDelayMs, attempt - 1);
        logger.warn({ err: error, attempt, retryInMs: Math.round(delay) }, 'projection failed on this event; retrying');
        await this.sleep(delay);
      }
    }
  }

  /** The heart of it: apply what is at or past the checkpoint, then move the checkpoint, in one transaction. */
  private async applyCheckpointed(tx: EntityManager, topic: string, partition: number, events: ValidEvent[]): Promise<number> {
    if (this.options.takeViewLock ?? true) await viewLock.shared(tx, this.options.projection.name);
    const next = await checkpoints.lock(tx, this.checkpointName, topic, partition);
    const view = viewTransaction(tx, this.tables);
    let applied = 0;
    for (const { message, envelope } of events) {
      if (BigInt(message.offset) < next) continue; // applied before: a redelivery
      await this.options.projection.apply(view, envelope);
      applied++;
    }
    const last = events[events.length - 1]!;
    await checkpoints.advance(tx, this.checkpointName, topic, partition, BigInt(last.message.offset) + 1n);
    return applied;
  }

  private applied(count: number, topic: string): void {
    if (count > 0) this.options.onApplied?.(count, topic);
  }

  /** Parks an event the view cannot take (unless it was dealt with before) and moves the checkpoint past it. */
  private async parkAndSkip(
    topic: string,
    partition: number,
    message: KafkaMessage,
    failure: { reason: DeadLetterReason; error: string; stack?: string; attempts: number; firstFailureAt?: Date },
  ): Promise<void> {
    const next = await this.transaction((tx) => checkpoints.lock(tx, this.checkpointName, topic, partition));
    if (BigInt(message.offset) < next) return;
    const prefixed = `${this.options.topicPrefix}${topic}`;
    for (let attempt = 0; this.options.poisonEvents !== 'skip'; attempt++) {
      this.throwIfClosing();
      try {
        await parkDeadLetter(
          this.producer!,
          { topic: prefixed, partition, offset: message.offset, key: message.key, value: message.value, headers: message.headers },
          { ...failure, firstFailureAt: failure.firstFailureAt ?? new Date(), consumerGroup: this.options.groupId },
        );
        break;
      } catch (error) {
        // Until Kafka has the dead letter, the checkpoint must not move past the event.
        this.options.logger.error({ err: error }, 'could not write the dead letter; the checkpoint stays put');
        await this.sleep(backoff(500, attempt));
      }
    }
    this.poisonEventsSkipped++;
    this.options.logger.warn(
      { projection: this.options.projection.name, topic, partition, offset: message.offset, reason: failure.reason, error: failure.error },
      this.options.poisonEvents === 'skip' ? 'event skipped: the view cannot take it' : 'event dead-lettered by projection',
    );
    await this.transaction((tx) => checkpoints.advance(tx, this.checkpointName, topic, partition, BigInt(message.offset) + 1n));
  }

  /** A transaction that waits out a database outage (without end) instead of failing the event. */
  private async transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    for (let outage = 0; ; outage++) {
      this.throwIfClosing();
      try {
        return await this.counted(() => this.options.dataSource.transaction(work));
      } catch (error) {
        if (!this.options.isInfrastructureFailure?.(error)) throw error;
        const delay = backoff(500, outage);
        this.options.logger.warn({ err: error, retryInMs: Math.round(delay) }, 'database unavailable; the projection waits');
        await this.sleep(delay);
      }
    }
  }

  /** Counts transactions under way, for halt(). */
  private async counted<T>(transaction: () => Promise<T>): Promise<T> {
    this.transactionsInFlight++;
    try {
      return await transaction();
    } finally {
      this.transactionsInFlight--;
    }
  }

  private throwIfClosing(): void {
    if (this.closing) throw new ConsumerClosingError('projection consumer closing: the rest of the batch is left for redelivery');
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }
}
