// The read side of the transactional outbox (docs/patterns/outbox.md): moves committed outbox rows to
// Kafka, in the order they were written, and marks them published.
//
//   wake up  ── NOTIFY from the outbox trigger (immediately on commit), or the poll timer (fallback)
//   lead?    ── one relay per service database publishes; others stand by (an advisory lock)
//   read     ── the oldest unpublished rows, in position order
//   publish  ── kafkajs idempotent producer, acks from all in-sync replicas, one batch
//   mark     ── published_at = now(); a crash between publish and mark republishes the batch, and the
//               consumers' inbox drops the duplicates (at-least-once delivery, exactly-once effect)
//
// Why no row is ever skipped: the relay keeps no cursor. It asks for "every row not yet published",
// so a transaction that took an earlier position but commits after later ones is simply found on
// the next pass. (A cursor, `position > last_seen`, would skip it; that is the gap problem, and the
// other cure, publishing only below pg_snapshot_xmin, is explained in the docs.)
import { randomUUID } from 'node:crypto';
import { Kafka, type Producer } from 'kafkajs';
import { Client } from 'pg';
import type { Logger } from 'pino';

export interface OutboxRelayOptions {
  databaseUrl: string;
  schema: string;
  kafka: Kafka;
  topicPrefix: string;
  logger: Logger;
  batchSize?: number;
  /** The fallback: how often to look even without a notification (lost notifications, reconnects). */
  pollIntervalMs?: number;
  /** Published rows are kept this long for inspection, then deleted. */
  retainPublishedMs?: number;
  /** How often the leader deletes them (default once a minute). */
  pruneIntervalMs?: number;
  /**
   * A deterministic crash point for failure tests: called after a batch reached Kafka and before it is
   * marked published. Production code never sets it.
   */
  afterPublishBeforeMark?: (messageIds: string[]) => void | Promise<void>;
}

interface OutboxRow {
  position: string;
  message_id: string;
  topic: string;
  message_key: string;
  message_type: string;
  envelope: string;
  traceparent: string | null;
}

export class OutboxRelay {
  private readonly relayId = randomUUID().slice(0, 8);
  private client?: Client;
  private producer?: Producer;
  private isLeader = false;
  private running = false;
  private wake?: () => void;
  /** A notification arrived since the relay last looked; it must not be lost while a batch is in flight. */
  private notified = false;
  private loop?: Promise<void>;
  private lastPrune = 0;
  /** Messages published since start; for the benchmark and the service's /metrics. */
  published = 0;

  constructor(private readonly options: OutboxRelayOptions) {}

  async start(): Promise<void> {
    this.running = true;
    this.producer = this.options.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await this.producer.connect();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.producer?.disconnect();
  }

  /** Reconnects after any failure (database or Kafka down) with a pause, until stopped. */
  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.connect();
        while (this.running) {
          await this.tryToLead();
          if (this.isLeader) await this.drain();
          await this.sleepUntilWoken();
        }
      } catch (error) {
        this.options.logger.warn({ err: error, relay: this.relayId }, 'outbox relay interrupted; retrying in 1 s');
        await this.disconnect();
        await this.pause(1_000);
      }
    }
    await this.disconnect();
  }

  private async connect(): Promise<void> {
    const client = new Client({
      connectionString: this.options.databaseUrl,
      options: `-c search_path=${this.options.schema}`,
      // A half-open connection must fail rather than leave the relay waiting for ever.
      keepAlive: true,
      connectionTimeoutMillis: 5_000,
      query_timeout: 30_000,
    });
    client.on('notification', (notification) => {
      if (notification.payload !== this.options.schema) return; // another service's schema in a shared database
      this.notified = true;
      this.wake?.();
    });
    client.on('error', () => undefined); // surfaced by the next query, which fails and triggers a reconnect
    this.client = client; // set first, so a failure below is cleaned up by disconnect()
    await client.connect();
    await client.query('LISTEN waybill_outbox');
  }

  private async disconnect(): Promise<void> {
    this.isLeader = false;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  /**
   * Two relays publishing at once could interleave one order's messages. The advisory lock lives in
   * this relay's own session: if its process dies, PostgreSQL ends the session, frees the lock, and a
   * standby takes over on its next pass. All reads and marks go through the same session, so a relay
   * that lost its session cannot keep publishing.
   */
  private async tryToLead(): Promise<void> {
    if (this.isLeader) return;
    const { rows } = await this.client!.query<{ leader: boolean }>(`SELECT pg_try_advisory_lock(hashtext($1)) AS leader`, [
      `waybill-outbox-relay:${this.options.schema}`,
    ]);
    this.isLeader = rows[0].leader;
    if (this.isLeader) this.options.logger.info({ relay: this.relayId }, 'outbox relay is publishing');
  }

  /**
   * Publishes everything unpublished, batch after batch. Marking batch k overlaps with publishing batch
   * k+1: the next SELECT is queued on the session before batch k's UPDATE, so Kafka and PostgreSQL work
   * at the same time. The `position > after` cursor only skips the batches of this very pass (not yet
   * marked); it is never kept between passes, so a transaction that commits late is found by the next
   * pass, which its NOTIFY starts. A crash between publish and mark republishes at most two batches.
   */
  private async drain(): Promise<void> {
    const batchSize = this.options.batchSize ?? 500;
    const select = (after: string) =>
      this.client!.query<OutboxRow>(
        `SELECT position, message_id, topic, message_key, message_type, envelope, traceparent
           FROM outbox WHERE published_at IS NULL AND position > $2 ORDER BY position LIMIT $1`,
        [batchSize, after],
      );
    let rows = (await select('0')).rows;
    let marking: Promise<unknown> = Promise.resolve();
    while (rows.length > 0) {
      await this.publish(rows);
      const ids = rows.map((row) => row.message_id);
      await this.options.afterPublishBeforeMark?.(ids);
      const next = rows.length === batchSize ? select(rows[rows.length - 1].position) : undefined;
      await marking; // the previous batch's mark must have worked before this one is queued
      marking = this.client!.query(`UPDATE outbox SET published_at = now() WHERE message_id = ANY($1::uuid[])`, [ids]).then(() => {
        this.published += ids.length;
      });
      marking.catch(() => undefined); // awaited below; this only keeps a failure from going unhandled meanwhile
      rows = next ? (await next).rows : [];
    }
    await marking;
    await this.pruneNowAndThen();
  }

  /** One request for the whole batch; messages keep their outbox order within each topic and key. */
  private async publish(rows: OutboxRow[]): Promise<void> {
    const byTopic = new Map<string, OutboxRow[]>();
    for (const row of rows) {
      if (!byTopic.has(row.topic)) byTopic.set(row.topic, []);
      byTopic.get(row.topic)!.push(row);
    }
    await this.producer!.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, topicRows]) => ({
        topic: `${this.options.topicPrefix}${topic}`,
        messages: topicRows.map((row) => ({
          key: row.message_key,
          value: row.envelope,
          headers: {
            'message-id': row.message_id,
            'message-type': row.message_type,
            ...(row.traceparent ? { traceparent: row.traceparent } : {}), // W3C trace context, for tracing-aware tools
          },
        })),
      })),
    });
  }

  private async pruneNowAndThen(): Promise<void> {
    if (Date.now() - this.lastPrune < (this.options.pruneIntervalMs ?? 60_000)) return;
    this.lastPrune = Date.now();
    const retainMs = this.options.retainPublishedMs ?? 60 * 60 * 1000;
    await this.client!.query(`DELETE FROM outbox WHERE published_at < now() - make_interval(secs => $1)`, [retainMs / 1000]);
  }

  private sleepUntilWoken(): Promise<void> {
    return this.pause(this.options.pollIntervalMs ?? 1_000);
  }

  /** Waits `ms`, or less if a notification (or stop) arrives; returns at once if one already did. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        this.notified = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
      if (this.notified || !this.running) done();
    });
  }
}
