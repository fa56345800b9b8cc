import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import type { OrderFact } from '@waybill/notifications-domain';
import { DataSource } from 'typeorm';
import { ListNotificationsQuery, type NotificationView } from './list-notifications.query';

interface NotificationRow {
  notification_id: string;
  order_id: string;
  customer_id: string;
  fact: OrderFact;
  message: string;
  notified_at: Date;
}

/**
 * Reads only the customer-notifications view (CQRS's read side: application/projections/customer-notifications),
 * never the notification log the commands write. The notifying transaction updates the view too, so a
 * notification shows here as soon as it is committed.
 */
@QueryHandler(ListNotificationsQuery)
export class ListNotificationsHandler implements IQueryHandler<ListNotificationsQuery> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute({ orderId }: ListNotificationsQuery): Promise<NotificationView[]> {
    // One order's facts are handled one after the other (one partition), so the time each was announced
    // already follows the order's story; the id only makes ties stable.
    const rows: NotificationRow[] = await this.dataSource.query(
      `SELECT notification_id, order_id, customer_id, fact, message, notified_at
         FROM customer_notifications
        WHERE order_id = $1
        ORDER BY notified_at, notification_id`,
      [orderId],
    );
    return rows.map((row) => ({
      notificationId: row.notification_id,
      orderId: row.order_id,
      customerId: row.customer_id,
      fact: row.fact,
      message: row.message,
      sentAt: row.notified_at.toISOString(),
    }));
  }
}
