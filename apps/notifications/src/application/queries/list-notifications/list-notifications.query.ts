import { Query } from '@nestjs/cqrs';
import type { OrderFact } from '@waybill/notifications-domain';

/** One row of what a customer was told (the read side's shape, not the aggregate). */
export interface NotificationView {
  notificationId: string;
  orderId: string;
  customerId: string;
  fact: OrderFact;
  message: string;
  /** ISO 8601. */
  sentAt: string;
}

/** What the customer was told about one order: one row per fact, oldest first. */
export class ListNotificationsQuery extends Query<NotificationView[]> {
  constructor(readonly orderId: string) {
    super();
  }
}
