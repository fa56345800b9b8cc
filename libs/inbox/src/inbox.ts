// The idempotent consumer (docs/patterns/inbox.md). Kafka delivers at least once: after a crash, a
// rebalance or a relay that republished, the same message can arrive again. The inbox turns that into
// exactly-once *effect*: the message id is recorded in the same transaction as the effect, so
//   - if the effect committed, the id is there and a redelivery finds it and does nothing;
//   - if it did not, neither is the id, and the redelivery does the work.
// Two copies handled at the same moment (after a rebalance) meet at the primary key: the second
// INSERT waits for the first transaction and then finds the row.
import type { Envelope } from '@waybill/contracts';
import { messageName } from '@waybill/contracts';
import type { DataSource, EntityManager } from 'typeorm';

export type InboxOutcome = 'handled' | 'duplicate';

export async function handleOnce(
  dataSource: DataSource,
  envelope: Envelope,
  effect: (transaction: EntityManager) => Promise<unknown>,
): Promise<InboxOutcome> {
  return dataSource.transaction(async (transaction) => {
    const recorded: unknown[] = await transaction.query(
      `INSERT INTO inbox (message_id, message_type) VALUES ($1, $2) ON CONFLICT (message_id) DO NOTHING RETURNING message_id`,
      [envelope.id, messageName(envelope)],
    );
    if (recorded.length === 0) return 'duplicate';
    await effect(transaction);
    return 'handled';
  });
}
