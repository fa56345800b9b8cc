// Rebuilding a view from the event topics while the service keeps answering (docs/patterns/cqrs.md):
//
//   1. shadow   create empty copies of the view's tables (`<table>__rebuild`) and a fresh checkpoint;
//   2. replay   a throwaway consumer group reads every event topic from the start and applies each
//               event to the shadow with the projection's own code (projection-consumer.ts);
//   3. level    once it has reached the topics' ends, take the view lock exclusively: the live
//               projector and commands writing the view wait. Let the replay reach the ends as they
//               are now, stop it, and apply the service's own events that may not be on Kafka yet
//               (still in the outbox, or published after the ends were read: read-your-writes put
//               them in the live view already);
//   4. swap     rename the shadow tables over the live ones and hand the shadow's checkpoint to the
//               live projector, in that same transaction. Readers see the old view or the new one,
//               never a mix; the live projector resumes from the new checkpoint.
//
// Step 3 holds writers back only for the last few events, usually well under a second.
import { randomUUID } from 'node:crypto';
import type { Admin, Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import type { Envelope } from '@waybill/contracts';
import { checkpoints } from './checkpoints';
import { ProjectionConsumer } from './projection-consumer';
import { shadowTable, viewLock, viewTransaction, type Projection } from './projection';

export interface RebuildOptions {
  projection: Projection;
  /** The owning service: the throwaway consumer group is `<service>.<view>.rebuild-<id>`. */
  service: string;
  kafka: Kafka;
  dataSource: DataSource;
  topicPrefix: string;
  logger: Logger;
  /** Progress lines for a person watching ("order-view: 1,200 events replayed, 300 to go"). */
  progress?: (line: string) => void;
  /** How long step 3 may hold writers back before the rebuild gives up (and changes nothing). */
  levelTimeoutMs?: number;
  /** How long the replay may take to reach the topics' ends. */
  replayTimeoutMs?: number;
}

export interface RebuildReport {
  projection: string;
  eventsReplayed: number;
  /** Own events applied from the outbox in step 3. */
  eventsFromOutbox: number;
  /** Events the view could not take (logged; the live projector dead-lettered them when they first came). */
  eventsSkipped: number;
  durationMs: number;
  /** From the start of the replay to the end of the swap: the rebuild proper, without leaving the consumer group. */
  replayMs: number;
  /** How long writers were held back (step 3 and 4). */
  swapMs: number;
}

/** Per `topic:partition`, the offset after the last event on Kafka. */
type TopicEnds = Map<string, bigint>;

export async function rebuildProjection(options: RebuildOptions): Promise<RebuildReport> {
  const { projection, dataSource, kafka, topicPrefix, logger } = options;
  const say = options.progress ?? (() => undefined);
  const started = Date.now();
  const shadowCheckpoint = `${projection.name}__rebuild`;
  const groupId = `${options.service}.${projection.name}.rebuild-${randomUUID().slice(0, 8)}`;

  // One rebuild of a view at a time: a session lock, released when this connection ends, even on a crash.
  const session = dataSource.createQueryRunner();
  await session.connect();
  const [{ locked }] = await session.query(`SELECT pg_try_advisory_lock(hashtext($1)) AS locked`, [`rebuild:${projection.name}`]);
  if (!locked) {
    await session.release();
    throw new Error(`a rebuild of ${projection.name} is already running; wait for it to finish`);
  }
  const admin = kafka.admin();
  await admin.connect();
  try {
    say(`${projection.name}: preparing empty shadow tables`);
    await dataSource.transaction(async (tx) => {
      for (const table of projection.tables) {
        await tx.query(`DROP TABLE IF EXISTS ${shadowTable(table)}`);
        await tx.query(`CREATE TABLE ${shadowTable(table)} (LIKE ${table} INCLUDING ALL)`);
      }
      await checkpoints.remove(tx, shadowCheckpoint);
    });

    let eventsReplayed = 0;
    const replay = new ProjectionConsumer({
      projection,
      kafka,
      dataSource,
      groupId,
      topicPrefix,
      logger: logger.child({ rebuild: projection.name }),
      checkpointName: shadowCheckpoint,
      tables: shadowTable,
      takeViewLock: false,
      poisonEvents: 'skip',
      onApplied: (count) => (eventsReplayed += count),
    });

    say(`${projection.name}: replaying ${projection.topics.join(', ')} from the beginning`);
    const replayStarted = Date.now();
    await replay.start();
    let swapMs = 0;
    let replayMs = 0;
    let eventsFromOutbox = 0;
    try {
      const ends = await topicEnds(admin, projection, topicPrefix);
      await waitUntilReached(dataSource.manager, shadowCheckpoint, ends, options.replayTimeoutMs ?? 30 * 60_000, (toGo) =>
        say(`${projection.name}: ${eventsReplayed.toLocaleString('en')} events replayed, ${toGo.toLocaleString('en')} to go`),
      );
      say(`${projection.name}: replayed ${eventsReplayed.toLocaleString('en')} events; swapping the rebuilt view in`);

      const swapStarted = Date.now();
      await dataSource.transaction(async (tx) => {
        await viewLock.exclusive(tx, projection.name);
        const [{ now }]: Array<{ now: Date }> = await tx.query(`SELECT clock_timestamp() AS now`);
        await waitUntilReached(dataSource.manager, shadowCheckpoint, await topicEnds(admin, projection, topicPrefix), options.levelTimeoutMs ?? 30_000);
        await replay.halt();
        eventsFromOutbox = await applyOwnRecentEvents(tx, projection, now);
        await checkpoints.copy(tx, shadowCheckpoint, projection.name);
        await checkpoints.remove(tx, shadowCheckpoint);
        for (const table of projection.tables) {
          await tx.query(`ALTER TABLE ${table} RENAME TO ${table}__retired`);
          await tx.query(`ALTER TABLE ${shadowTable(table)} RENAME TO ${table}`);
          await tx.query(`DROP TABLE ${table}__retired`);
        }
      });
      swapMs = Date.now() - swapStarted;
      replayMs = Date.now() - replayStarted;
    } finally {
      await replay.stop();
      await admin.deleteGroups([groupId]).catch(() => undefined); // a throwaway group: leave nothing behind
    }
    const report = { projection: projection.name, eventsReplayed, eventsFromOutbox, eventsSkipped: replay.poisonEventsSkipped, durationMs: Date.now() - started, replayMs, swapMs };
    say(`${projection.name}: rebuilt from ${eventsReplayed.toLocaleString('en')} events in ${(report.durationMs / 1000).toFixed(1)} s (writers held back ${swapMs} ms)`);
    return report;
  } catch (error) {
    // Leave the live view exactly as it was; only the shadow is thrown away.
    await dropShadow(dataSource, projection, shadowCheckpoint).catch(() => undefined);
    throw error;
  } finally {
    await session.query(`SELECT pg_advisory_unlock(hashtext($1))`, [`rebuild:${projection.name}`]).catch(() => undefined);
    await session.release();
    await admin.disconnect();
  }
}

async function topicEnds(admin: Admin, projection: Projection, topicPrefix: string): Promise<TopicEnds> {
  const ends: TopicEnds = new Map();
  for (const topic of projection.topics) {
    for (const { partition, high } of await admin.fetchTopicOffsets(`${topicPrefix}${topic}`)) ends.set(`${topic}:${partition}`, BigInt(high));
  }
  return ends;
}

/** Polls the shadow's checkpoint until every partition has reached its end (an empty partition has, at 0). */
async function waitUntilReached(database: EntityManager, checkpointName: string, ends: TopicEnds, timeoutMs: number, progress?: (toGo: number) => void): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastReport = Date.now();
  for (;;) {
    const reached = new Map((await checkpoints.read(database, checkpointName)).map((c) => [`${c.topic}:${c.partition}`, c.nextOffset]));
    let toGo = 0n;
    for (const [partition, end] of ends) {
      const at = reached.get(partition) ?? 0n;
      if (at < end) toGo += end - at;
    }
    if (toGo === 0n) return;
    if (Date.now() > deadline) throw new Error(`the replay did not reach the end of the topics within ${timeoutMs} ms (${toGo} events to go); nothing was changed`);
    if (progress && Date.now() - lastReport >= 2_000) {
      progress(Number(toGo));
      lastReport = Date.now();
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The service's own events committed since `since` or not published yet: they may already be in the
 * live view (read-your-writes) without being in the replay. Applying one twice is harmless.
 */
async function applyOwnRecentEvents(tx: EntityManager, projection: Projection, since: Date): Promise<number> {
  const [{ present }]: Array<{ present: boolean }> = await tx.query(`SELECT to_regclass('outbox') IS NOT NULL AS present`);
  if (!present) return 0;
  const rows: Array<{ envelope: string }> = await tx.query(
    `SELECT envelope FROM outbox WHERE topic = ANY($1) AND (published_at IS NULL OR published_at >= $2) ORDER BY position`,
    [projection.topics, since],
  );
  const view = viewTransaction(tx, shadowTable);
  for (const row of rows) await projection.apply(view, JSON.parse(row.envelope) as Envelope);
  return rows.length;
}

async function dropShadow(dataSource: DataSource, projection: Projection, shadowCheckpoint: string): Promise<void> {
  await dataSource.transaction(async (tx) => {
    for (const table of projection.tables) await tx.query(`DROP TABLE IF EXISTS ${shadowTable(table)}`);
    await checkpoints.remove(tx, shadowCheckpoint);
  });
}
