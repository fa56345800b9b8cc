// How far behind a view is: per topic, the events on Kafka that its checkpoint has not reached yet.
import type { Admin } from 'kafkajs';
import type { EntityManager } from 'typeorm';
import { checkpoints } from './checkpoints';
import type { Projection } from './projection';

export interface ProjectionLag {
  projection: string;
  /** Events not yet applied, all topics together. */
  events: number;
  byTopic: Record<string, number>;
}

export async function projectionLag(
  admin: Admin,
  database: Pick<EntityManager, 'query'>,
  projection: Projection,
  topicPrefix: string,
  checkpointName = projection.name,
): Promise<ProjectionLag> {
  const positions = new Map((await checkpoints.read(database, checkpointName)).map((checkpoint) => [`${checkpoint.topic}:${checkpoint.partition}`, checkpoint.nextOffset]));
  const byTopic: Record<string, number> = {};
  for (const topic of projection.topics) {
    const offsets = await admin.fetchTopicOffsets(`${topicPrefix}${topic}`);
    byTopic[topic] = offsets.reduce((sum, { partition, high, low }) => {
      // Below `low` nothing is left to read (retention deleted it), so count from there at most.
      const next = positions.get(`${topic}:${partition}`) ?? 0n;
      const from = next > BigInt(low) ? next : BigInt(low);
      return sum + Math.max(0, Number(BigInt(high) - from));
    }, 0);
  }
  return { projection: projection.name, events: Object.values(byTopic).reduce((a, b) => a + b, 0), byTopic };
}
