import { Injectable } from '@nestjs/common';
import type { Notification, NotificationSender } from '@waybill/notifications-domain';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';

/**
 * The NotificationSender this repository ships: it "tells" the customer by writing one structured log line
 * through the service's logger (so the line carries the message's correlationId and messageId, and can be
 * followed across services). It is what a real e-mail or SMS adapter would replace, in notifications.module.ts.
 *
 * Why at-least-once is harmless here: the sender runs inside the handler's transaction, so a commit that
 * fails after the line was written means the retry writes it again. For a log, a second line hurts no one
 * (and writing one practically never fails, so this adapter never causes a rollback itself). A real
 * sender would send a second e-mail in that case, unless it hands `idempotencyKey` to its provider.
 */
@Injectable()
export class LogNotificationSender implements NotificationSender {
  readonly channel = 'log';

  constructor(@InjectPinoLogger(LogNotificationSender.name) private readonly logger: PinoLogger) {}

  async send(notification: Notification): Promise<void> {
    const { notificationId, orderId, customerId, fact, message, idempotencyKey } = notification;
    this.logger.info(
      { notification: { notificationId, orderId, customerId, fact, idempotencyKey }, channel: this.channel },
      `notified customer ${customerId}: ${message}`,
    );
  }
}
