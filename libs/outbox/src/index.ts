export { CreateOutbox1763769500000 } from './outbox.migration';
export { OutboxRelay, type OutboxRelayOptions } from './outbox-relay';
export { addToOutbox, type OutboxEntry } from './outbox-writer';
