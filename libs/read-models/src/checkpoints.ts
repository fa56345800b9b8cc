// The checkpoint store (read-models.migration.ts): per projection and topic partition, the offset of
// the next event to apply. Read and moved inside the transaction that changes the view.
import type { EntityManager } from 'typeorm';

type Queryable = Pick<EntityManager, 'query'>;

export interface Checkpoint {
  topic: string;
  partition: number;
  nextOffset: bigint;
}

export const checkpoints = {
  /** The partition's checkpoint, created at 0 if new, and locked until the transaction ends: one writer per partition. */
  async lock(tx: Queryable, projection: string, topic: string, partition: number): Promise<bigint> {
    const [row]: Array<{ next_offset: string }> = await tx.query(
      `INSERT INTO projection_checkpoints (projection, topic, partition, next_offset) VALUES ($1, $2, $3, 0)
       ON CONFLICT (projection, topic, partition) DO UPDATE SET projection = EXCLUDED.projection
       RETURNING next_offset`,
      [projection, topic, partition],
    );
    return BigInt(row!.next_offset);
  },

  /** Moves the checkpoint forward (never back: a late, smaller offset is a no-op). */
  async advance(tx: Queryable, projection: string, topic: string, partition: number, nextOffset: bigint): Promise<void> {
    await tx.query(
      `INSERT INTO projection_checkpoints (projection, topic, partition, next_offset) VALUES ($1, $2, $3, $4)
       ON CONFLICT (projection, topic, partition) DO UPDATE SET next_offset = GREATEST(projection_checkpoints.next_offset, EXCLUDED.next_offset), updated_at = now()`,
      [projection, topic, partition, nextOffset.toString()],
    );
  },

  async read(tx: Queryable, projection: string): Promise<Checkpoint[]> {
    const rows: Array<{ topic: string; partition: number; next_offset: string }> = await tx.query(
      `SELECT topic, partition, next_offset FROM projection_checkpoints WHERE projection = $1 ORDER BY topic, partition`,
      [projection],
    );
    return rows.map((row) => ({ topic: row.topic, partition: row.partition, nextOffset: BigInt(row.next_offset) }));
  },

  /** Makes `to`'s checkpoints a copy of `from`'s (the swap at the end of a rebuild). */
  async copy(tx: Queryable, from: string, to: string): Promise<void> {
    await tx.query(`DELETE FROM projection_checkpoints WHERE projection = $1`, [to]);
    await tx.query(
      `INSERT INTO projection_checkpoints (projection, topic, partition, next_offset)
       SELECT $2, topic, partition, next_offset FROM projection_checkpoints WHERE projection = $1`,
      [from, to],
    );
  },

  async remove(tx: Queryable, projection: string): Promise<void> {
    await tx.query(`DELETE FROM projection_checkpoints WHERE projection = $1`, [projection]);
  },
};
