import { CustomerNotified, messageName, Topics, type Envelope, type PayloadOf } from '@waybill/contracts';
import type { Projection, ViewTransaction } from '@waybill/read-models';
import { orderFactNamed } from '../../customer-notified';

/**
 * What each customer was told (`GET /notifications?orderId=`), projected from notifications' own
 * CustomerNotified on notifications.events (docs/patterns/cqrs.md). A notification never changes once
 * sent, so the view is one row per notification id, inserted or left alone: a second copy of the event
 * (read-your-writes first, then Kafka; a redelivery; a replay) finds its row there, and rows of one
 * order do not depend on each other, so the order events arrive in cannot matter either.
 */
export class CustomerNotificationsProjection implements Projection {
  readonly name = 'customer-notifications';
  readonly topics = [Topics.notifications.events];
  readonly tables = ['customer_notifications'];

  async apply(view: ViewTransaction, event: Envelope): Promise<void> {
    if (messageName(event) !== CustomerNotified.name) return;
    const { notificationId, orderId, customerId, fact, channel, message } = event.payload as PayloadOf<typeof CustomerNotified>;
    // The view answers in this service's words (ORDER_CONFIRMED); an announcement of a fact it has no word
    // for is a bug to see in the dead letters, not a row to show with a fact the API does not know.
    const orderFact = orderFactNamed(fact);
    if (!orderFact) throw new Error(`CustomerNotified ${notificationId} tells of ${fact}, which is not a fact notifications tells of`);
    await view.query(
      `INSERT INTO ${view.table('customer_notifications')} (notification_id, order_id, customer_id, fact, channel, message, notified_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (notification_id) DO NOTHING`,
      [notificationId, orderId, customerId, orderFact, channel, message, event.occurredAt],
    );
  }
}
