// Who talks to whom on Kafka, for the AsyncAPI document (docs/asyncapi.md). The contracts say which
// service OWNS each topic (topics.ts) and therefore who SENDS its events and who RECEIVES its commands.
// What they cannot say is the other side: which services consume an events topic, and which send to a
// commands topic. That is declared here, once, as data: each service's definition subscribes to exactly
// its `consumes` list (apps/*/src/*.service-definition.ts), so the published catalogue and what the
// services really read cannot drift apart.
import { Topics } from '../topics';

export interface ServiceMessaging {
  /** Topics the service reads: the same list as its ServiceDefinition's `consumes`. */
  readonly consumes: readonly string[];
  /** Commands topics of other services it writes to (events topics are written by their owner only). */
  readonly sendsCommandsTo: readonly string[];
}

export const SERVICE_MESSAGING: Readonly<Record<string, ServiceMessaging>> = {
  // The order-fulfilment saga: commands to inventory and routing, their replies back.
  orders: {
    consumes: [Topics.inventory.events, Topics.routing.events],
    sendsCommandsTo: [Topics.inventory.commands, Topics.routing.commands],
  },
  inventory: { consumes: [Topics.inventory.commands], sendsCommandsTo: [] },
  routing: { consumes: [Topics.routing.commands], sendsCommandsTo: [] },
  notifications: { consumes: [Topics.orders.events], sendsCommandsTo: [] },
};
