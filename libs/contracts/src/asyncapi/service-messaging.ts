// Who talks to whom on Kafka, for the AsyncAPI document (docs/asyncapi.md). The contracts say which
// service OWNS each topic (topics.ts) and therefore who SENDS its events and who RECEIVES its commands.
// What they cannot say is the other side: which services consume an events topic, and which send to a
// commands topic. That is declared here, once, as data: each service's definition subscribes to exactly
// its `consumes` list (apps/*/src/*.service-definition.ts), so the published catalogue and what the
// services really read cannot drift apart.
import { Topics } from '../topics';

export interface ServiceMessaging {
  /** Topics the service's message handlers read: the same list as its ServiceDefinition's `consumes`. */
  readonly consumes: readonly string[];
  /**
   * Events topics the service's read models are projected from (docs/patterns/cqrs.md): read by a
   * separate consumer group per read model, and replayed from the start when a read model is rebuilt.
   */
  readonly projects: readonly string[];
  /** Commands topics of other services it writes to (events topics are written by their owner only). */
  readonly sendsCommandsTo: readonly string[];
}

export const SERVICE_MESSAGING: Readonly<Record<string, ServiceMessaging>> = {
  // The order-fulfilment saga: commands to inventory and routing, their replies back.
  // The order view shows what every service did for the order, so it reads every events topic.
  orders: {
    consumes: [Topics.inventory.events, Topics.routing.events],
    projects: [Topics.orders.events, Topics.inventory.events, Topics.routing.events, Topics.notifications.events],
    sendsCommandsTo: [Topics.inventory.commands, Topics.routing.commands],
  },
  // Each of the others projects its own events into the views of its own HTTP queries.
  inventory: { consumes: [Topics.inventory.commands], projects: [Topics.inventory.events], sendsCommandsTo: [] },
  routing: { consumes: [Topics.routing.commands], projects: [Topics.routing.events], sendsCommandsTo: [] },
  notifications: { consumes: [Topics.orders.events], projects: [Topics.notifications.events], sendsCommandsTo: [] },
};
