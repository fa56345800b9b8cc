import type { Notification } from './notification';

/**
 * The way out to the customer (a port). This repository ships one adapter, which writes a log line
 * (apps/notifications/src/infrastructure/log-notification.sender.ts); an e-mail or SMS adapter would
 * implement this same interface and be chosen in the service's module instead.
 *
 * Delivery is at least once: `send` runs inside the transaction that records the notification, so a send
 * that fails rolls the record back and the message is retried — but a send that *succeeded* can still be
 * followed by a failed commit and a retry. An adapter that reaches real people should therefore pass
 * `notification.idempotencyKey` to its provider (most e-mail and SMS APIs accept one) so that the second
 * send is dropped there.
 */
export interface NotificationSender {
  /** How this sender reaches the customer (`log`, `email`, `sms`…): part of what the service says it told them. */
  readonly channel: string;

  /** Tells the customer; throws if that did not happen (the notification is then not recorded either). */
  send(notification: Notification): Promise<void>;
}
