import type { Notification } from './notification';

/**
 * The notification log (a repository port): every notification this service has sent, at most one per
 * (orderId, fact). Implemented in the application over the database, whose unique key makes the rule hold
 * under any concurrency and for any number of copies of a fact.
 */
export interface NotificationLog {
  /**
   * Records `notification` unless its order already has one for the same fact. True when it was recorded
   * now: only then may it be sent. False means the customer was already told (a fact republished under a
   * new message id, e.g. a replayed dead letter), and nothing must happen.
   */
  recordIfFirst(notification: Notification): Promise<boolean>;
}
