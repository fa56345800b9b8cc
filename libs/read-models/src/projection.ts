// A read model (a "view") and the projection that builds it from events (docs/patterns/cqrs.md).
//
// The write side of a service keeps the state it needs to decide (the order aggregate, the stock
// item). Queries never read that: they read views, tables shaped for the question, built by applying
// the events on Kafka, other services' included. A view can therefore always be thrown away and
// rebuilt from the event topics, which keep their history forever (libs/contracts/src/topics.ts).
//
// One rule makes everything else simple: applying an event must be **idempotent and independent of
// the order events arrive in** (for the events of one aggregate). Then a redelivered event, an event
// applied twice (once at once for read-your-writes, once from Kafka), a replay and a rebuild can never
// corrupt a view. Each projection says how it keeps the rule; the two usual ways are
//   - state with a version: keep a row only if the incoming version is higher (stock levels);
//   - a set of events folded by a pure function: remember the events by id, recompute (order view).
import type { Envelope } from '@waybill/contracts';
import type { EntityManager } from 'typeorm';

/** The tables of a view as one transaction sees them: the live ones, or a rebuild's shadow copies. */
export interface ViewTransaction {
  /** The physical name of one of the projection's `tables`. Always write SQL with it, never the bare name. */
  table(name: string): string;
  /** Runs SQL inside the transaction (TypeORM's EntityManager.query: rows for a SELECT). */
  query<Row = Record<string, unknown>>(sql: string, parameters?: unknown[]): Promise<Row[]>;
}

export interface Projection {
  /** The view's name: the consumer group's suffix, the checkpoint key, what `npm run read-model:rebuild <name>` takes. */
  readonly name: string;
  /** Unprefixed events topics it reads, from @waybill/contracts. */
  readonly topics: readonly string[];
  /** Every table of the view. A rebuild fills shadow copies of all of them, then swaps them in together. */
  readonly tables: readonly string[];
  /**
   * Applies one event. Events of types the view does not show are ignored. Must be idempotent and
   * independent of arrival order per aggregate (see above); throwing means "retry, then dead-letter".
   */
  apply(view: ViewTransaction, event: Envelope): Promise<void>;
}

/** Names of the tables a rebuild fills before swapping them in. */
export const shadowTable = (table: string): string => `${table}__rebuild`;

export function viewTransaction(manager: EntityManager, tables: (name: string) => string = (name) => name): ViewTransaction {
  return { table: tables, query: (sql, parameters) => manager.query(sql, parameters) };
}

/**
 * The lock that keeps a rebuild's swap apart from everything that writes the live view. Writers (the
 * projector, a command applying its own events at once) take it shared, so they never wait for each
 * other; the swap takes it exclusively, for the moment it needs to bring the shadow level and rename.
 */
export const viewLock = {
  shared: (manager: Pick<EntityManager, 'query'>, projection: string) => manager.query(`SELECT pg_advisory_xact_lock_shared(hashtext($1))`, [`view:${projection}`]),
  exclusive: (manager: Pick<EntityManager, 'query'>, projection: string) => manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`view:${projection}`]),
};
