// The "set of events, folded" technique for views whose rows gather events from several places with no
// common order (docs/patterns/cqrs.md, "A projection"): keep every event of a row by id, and recompute
// the row from all of them with a pure fold. A duplicate adds nothing; the arrival order cannot matter.
import type { Envelope } from '@waybill/contracts';
import type { ViewTransaction } from './projection';

/** An event as a folded view keeps it. */
export interface StoredEvent {
  id: string;
  type: string;
  /** ISO 8601. */
  occurredAt: string;
  payload: Record<string, unknown>;
}

export interface EventSetOptions {
  /** The view's events table (logical name): `event_id uuid PRIMARY KEY, <keyColumn>, type, occurred_at, payload jsonb`. */
  table: string;
  /** The column of the row the events fold into (`order_id`). */
  keyColumn: string;
  key: string;
  /**
   * Who takes turns. Two transactions adding events of one key at the same moment would each fold without
   * the other's uncommitted event, and the last to commit would lose one; so writers of one key queue.
   * `per-key` is enough when all of a key's events come from one partition of one topic (a projector
   * batch never holds a key another batch holds). `whole-view` is for keys whose events come from several
   * topics: locks per key, taken by batches of different topics in different orders, could deadlock.
   */
  serialise: 'per-key' | 'whole-view';
}

/**
 * Adds `event` to the set of its key. Returns every event of the key when it was new (fold them and write
 * the row), or undefined when it was there already: the row was recomputed with it then.
 */
export async function addToEventSet(view: ViewTransaction, event: Envelope, options: EventSetOptions): Promise<StoredEvent[] | undefined> {
  const table = view.table(options.table);
  const inserted = await view.query(
    `INSERT INTO ${table} (event_id, ${options.keyColumn}, type, occurred_at, payload) VALUES ($1, $2, $3, $4, $5::jsonb)
     ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
    [event.id, options.key, event.type, event.occurredAt, JSON.stringify(event.payload)],
  );
  // Most events come twice (applied at once by their own service, then from Kafka): those stop here, unlocked.
  if (inserted.length === 0) return undefined;
  // Take our turn before reading the set, in a statement of its own: a statement reads what was committed
  // when it began, so the set must be read only once the previous writer of this key has committed.
  // (The two-key form keeps clear of the one-key view lock, projection.ts.)
  await view.query(`SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))`, [table, options.serialise === 'per-key' ? options.key : '']);
  const rows = await view.query<{ event_id: string; type: string; occurred_at: Date; payload: Record<string, unknown> }>(
    `SELECT event_id, type, occurred_at, payload FROM ${table} WHERE ${options.keyColumn} = $1`,
    [options.key],
  );
  return rows.map((row) => ({ id: row.event_id, type: row.type, occurredAt: row.occurred_at.toISOString(), payload: row.payload }));
}
