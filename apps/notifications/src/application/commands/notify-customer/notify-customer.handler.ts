import { Inject } from '@nestjs/common';
import { CommandHandler, EventBus, type ICommandHandler } from '@nestjs/cqrs';
import { Notification, type NotificationSender } from '@waybill/notifications-domain';
import { afterCommit, ReadModels } from '@waybill/platform';
import { NOTIFICATION_LOG, NOTIFICATION_SENDER, type NotificationLogIn } from '../../../notifications.tokens';
import { publishCustomerNotified } from '../../customer-notified';
import { CustomerNotifiedEvent } from './customer-notified.event';
import { NotifyCustomerCommand, type NotifyCustomerOutcome } from './notify-customer.command';

/**
 * Tells the customer about a fact of their order, once per (order, fact) in effect, and announces it.
 *
 * Two guards, for two kinds of "again" (docs/domain/notifications.md):
 * - the same message delivered twice never gets here: the inbox drops it (same message id);
 * - the same fact under a *new* message id (an operator replayed a dead letter, or orders published it twice)
 *   does get here, and is stopped by the log's unique key: only a notification recorded now is sent.
 * Either way CustomerNotified is written once per fact too, since it is written only after a send.
 */
@CommandHandler(NotifyCustomerCommand)
export class NotifyCustomerHandler implements ICommandHandler<NotifyCustomerCommand> {
  constructor(
    @Inject(NOTIFICATION_LOG) private readonly notificationLogIn: NotificationLogIn,
    @Inject(NOTIFICATION_SENDER) private readonly sender: NotificationSender,
    private readonly readModels: ReadModels,
    private readonly events: EventBus,
  ) {}

  async execute({ news, cause, transaction }: NotifyCustomerCommand): Promise<NotifyCustomerOutcome> {
    const notification = Notification.about(news);
    if (!(await this.notificationLogIn(transaction).recordIfFirst(notification))) return 'already-notified';
    // Recorded first, sent second, both in the message's transaction: if the send throws, the record (and
    // the inbox entry) roll back and the transport retries the message, so a notification is never logged
    // as sent when it was not. The price is at-least-once sending: a send that succeeded can be followed
    // by a failed commit, and the retry sends again (see NotificationSender for what a real sender does about it).
    await this.sender.send(notification);
    const { channel } = this.sender;
    // Announced in the same transaction (outbox), and shown by GET /notifications as soon as it commits:
    // the service's own view takes the event now (read-your-writes) and again, to no effect, from Kafka.
    const announced = await publishCustomerNotified(transaction, notification, channel, cause);
    await this.readModels.projectNow(transaction, announced);
    afterCommit(transaction, () => this.events.publish(new CustomerNotifiedEvent(notification, channel)));
    return 'notified';
  }
}
