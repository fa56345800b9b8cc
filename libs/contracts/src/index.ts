export { MESSAGE_CATALOG, validateMessage, type RejectionReason, type Validation } from './catalog';
export { causedBy, envelopeSchema, messageName, newFlow, type Causation, type Envelope } from './envelope';
export * from './inventory/inventory.messages';
export { defineMessage, type MessageDefinition, type MessageKind, type PayloadOf } from './message-definition';
export * from './orders/orders.messages';
export * from './routing/routing.messages';
export { ALL_TOPICS, deadLetterTopicOf, Topics, type TopicDefinition } from './topics';
