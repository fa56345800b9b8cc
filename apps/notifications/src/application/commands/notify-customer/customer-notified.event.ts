import type { IEvent } from '@nestjs/cqrs';
import type { Notification } from '@waybill/notifications-domain';

/**
 * The customer was told `notification` through `channel`, and it is committed: published on the EventBus
 * after the commit (afterCommit, libs/platform/src/database/after-commit.ts). The EventBus is in memory and fire-and-forget, so only
 * reactions that may be lost listen to it (a business metric); what other services must learn travels as
 * CustomerNotified, through the outbox.
 */
export class CustomerNotifiedEvent implements IEvent {
  constructor(
    readonly notification: Notification,
    readonly channel: string,
  ) {}
}
