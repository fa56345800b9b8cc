// Every Kafka topic of the platform, named after the service that owns it (STYLE.md, rule 13):
// `<owner>.commands` carries requests *to* the owner, `<owner>.events` carries facts *from* it.
// Each has a `.dlq` sibling for the messages its consumers could not handle at all (dead letters).
// There are no `.retry` topics: failed messages are retried in place, which keeps one order's
// messages in order (docs/patterns/dead-letters.md says why). See docs/architecture.md.

export interface TopicDefinition {
  readonly name: string;
  readonly owner: 'orders' | 'inventory' | 'routing' | 'notifications';
  readonly partitions: number;
  /** -1 = forever: event topics are the history that read models are rebuilt from. */
  readonly retentionMs: number;
}

const FOREVER = -1;
const ONE_WEEK = 7 * 24 * 60 * 60 * 1000;
/** Enough for parallelism on a laptop; the key (orderId) keeps one order's messages in order. */
const PARTITIONS = 3;

export const Topics = {
  orders: { events: 'orders.events' },
  inventory: { commands: 'inventory.commands', events: 'inventory.events' },
  routing: { commands: 'routing.commands', events: 'routing.events' },
  notifications: { events: 'notifications.events' },
} as const;

export const deadLetterTopicOf = (topic: string): string => `${topic}.dlq`;

const primary: TopicDefinition[] = [
  { name: Topics.orders.events, owner: 'orders', partitions: PARTITIONS, retentionMs: FOREVER },
  { name: Topics.inventory.commands, owner: 'inventory', partitions: PARTITIONS, retentionMs: ONE_WEEK },
  { name: Topics.inventory.events, owner: 'inventory', partitions: PARTITIONS, retentionMs: FOREVER },
  { name: Topics.routing.commands, owner: 'routing', partitions: PARTITIONS, retentionMs: ONE_WEEK },
  { name: Topics.routing.events, owner: 'routing', partitions: PARTITIONS, retentionMs: FOREVER },
  { name: Topics.notifications.events, owner: 'notifications', partitions: PARTITIONS, retentionMs: FOREVER },
];

/** The full list the stack and the tests create, dead-letter siblings included. */
export const ALL_TOPICS: readonly TopicDefinition[] = primary.flatMap((topic) => [
  topic,
  // Dead letters wait for a human: keep them as long as the history they came from.
  { ...topic, name: deadLetterTopicOf(topic.name), partitions: 1, retentionMs: FOREVER },
]);
