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
  sent_at: Date;
}

/**
 * Reads the notification log straight from its table: a query needs no aggregate (CQRS's read side). The
 * unique key (order_id, fact) is also the index this lookup uses.
 */
@QueryHandler(ListNotificationsQuery)
export class ListNotificationsHandler implements IQueryHandler<ListNotificationsQuery> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute({ orderId }: ListNotificationsQuery): Promise<NotificationView[]> {
    // One order's facts arrive on one partition and are handled one after the other, so their sent_at
    // (the recording transaction's start) already follows the order's story; the id only makes ties stable.
    const rows: NotificationRow[] = await this.dataSource.query(
      `SELECT notification_id, order_id, customer_id, fact, message, sent_at
         FROM notifications
        WHERE order_id = $1
        ORDER BY sent_at, notification_id`,
      [orderId],
    );
    return rows.map((row) => ({
      notificationId: row.notification_id,
      orderId: row.order_id,
      customerId: row.customer_id,
      fact: row.fact,
      message: row.message,
      sentAt: row.sent_at.toISOString(),
    }));
  }
}
