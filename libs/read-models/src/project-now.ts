// Read-your-writes (docs/patterns/cqrs.md). A view fed only from Kafka lags its writes by the relay's
// and the projector's delay, so `GET /orders/{id}` right after `POST /orders` could answer 404. The
// service therefore applies its *own* events to its own views in the very transaction that writes them
// to the outbox: the view changes when the write commits, never later. The same events reach the
// projector from Kafka afterwards and change nothing, because every projection is idempotent.
import { MESSAGE_CATALOG, messageName, type Envelope } from '@waybill/contracts';
import type { EntityManager } from 'typeorm';
import { viewLock, viewTransaction, type Projection } from './projection';

export async function projectNow(transaction: EntityManager, projections: readonly Projection[], events: readonly Envelope[]): Promise<void> {
  if (!transaction.queryRunner?.isTransactionActive) {
    throw new Error('projectNow needs the EntityManager of the transaction that writes the events: the view must change with the write, not before it');
  }
  for (const projection of projections) {
    const relevant = events.filter((event) => projection.topics.includes(MESSAGE_CATALOG.get(messageName(event))?.topic ?? ''));
    if (relevant.length === 0) continue;
    await viewLock.shared(transaction, projection.name);
    const view = viewTransaction(transaction);
    for (const event of relevant) await projection.apply(view, event);
  }
}
