import type { Notification, NotificationLog } from '@waybill/notifications-domain';
import type { EntityManager } from 'typeorm';

/** The NotificationLog over the `notifications` table (migrations/1763769600000-create-notifications.ts). */
export class PostgresNotificationLog implements NotificationLog {
  constructor(private readonly transaction: EntityManager) {}

  async recordIfFirst(notification: Notification): Promise<boolean> {
    // "Once per fact" is decided by the unique key, not by a SELECT before the INSERT: a check-then-insert
    // would let two copies of a fact both pass the check. Only *that* conflict is swallowed (ON CONSTRAINT
    // once_per_fact); any other error still fails the message. A concurrent copy waits here for the first
    // transaction: if it commits, this one inserts nothing; if it rolls back (its send failed), this one inserts.
    const inserted: unknown[] = await this.transaction.query(
      `INSERT INTO notifications (notification_id, order_id, customer_id, fact, message)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ON CONSTRAINT once_per_fact DO NOTHING
       RETURNING notification_id`,
      [notification.notificationId, notification.orderId, notification.customerId, notification.fact, notification.message],
    );
    return inserted.length === 1;
  }
}

/** How the module provides NOTIFICATION_LOG: one log per transaction. */
export const postgresNotificationLogIn = (transaction: EntityManager): NotificationLog => new PostgresNotificationLog(transaction);
