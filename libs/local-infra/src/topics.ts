import { Kafka, type ITopicConfig } from 'kafkajs';

export interface TopicSpec {
  name: string;
  partitions: number;
  /** -1 keeps messages forever (event topics are the source for rebuilding read models). */
  retentionMs: number;
}

/**
 * Creates the topics that do not exist yet, with their partitions and retention, and leaves existing
 * ones alone. `prefix` is the services' TOPIC_PREFIX (tests give each case its own). The broker runs with auto-creation off, so a typo in a topic name fails loudly instead
 * of silently creating a one-partition topic nobody reads.
 */
export async function ensureTopics(brokers: string[], topics: TopicSpec[], prefix = ''): Promise<string[]> {
  const admin = new Kafka({ clientId: 'waybill-topics', brokers, logLevel: 1 }).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing: ITopicConfig[] = topics
      .map((topic) => ({ ...topic, name: `${prefix}${topic.name}` }))
      .filter((topic) => !existing.has(topic.name))
      .map((topic) => ({
        topic: topic.name,
        numPartitions: topic.partitions,
        replicationFactor: -1, // the broker's default: 1 locally, 3 on a real cluster
        configEntries: [{ name: 'retention.ms', value: String(topic.retentionMs) }],
      }));
    if (missing.length > 0) await admin.createTopics({ topics: missing, waitForLeaders: true });
    return missing.map((topic) => topic.topic);
  } finally {
    await admin.disconnect();
  }
}
