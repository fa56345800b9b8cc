import { randomUUID } from 'node:crypto';
import { customerMessageFor } from './customer-message';
import type { OrderFact, OrderNews } from './order-news';

/**
 * What the customer is told about one fact of their order. The rule this aggregate exists for — *once per
 * fact*, however often the fact arrives — cannot be checked by one object alone (it is about every
 * notification of the order), so it lives in the NotificationLog port and, underneath it, in the
 * database's unique key (order_id, fact). A notification records no domain events: it is itself the one
 * fact, told through the NotificationSender port and then announced by the application (CustomerNotified).
 */
export class Notification {
  private constructor(
    readonly notificationId: string,
    readonly orderId: string,
    readonly customerId: string,
    readonly fact: OrderFact,
    readonly message: string,
  ) {}

  /** Composes the notification about `news`: addressed to the order's customer, worded by its fact (customer-message.ts). */
  static about(news: OrderNews, notificationId: string = randomUUID()): Notification {
    return new Notification(notificationId, news.orderId, news.customerId, news.fact, customerMessageFor(news));
  }

  /**
   * The same for every attempt at this notification and for every copy of its fact, unlike
   * `notificationId` (new each time one is composed): what a real e-mail or SMS provider would be given to
   * drop a second send (see NotificationSender).
   */
  get idempotencyKey(): string {
    return `${this.orderId}/${this.fact}`;
  }
}
