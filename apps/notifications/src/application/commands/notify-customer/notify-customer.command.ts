import { Command } from '@nestjs/cqrs';
import type { Causation } from '@waybill/contracts';
import type { OrderNews } from '@waybill/notifications-domain';
import type { EntityManager } from 'typeorm';

/** `notified`: the customer was told now; `already-notified`: this order's fact was told before, nothing was sent. */
export type NotifyCustomerOutcome = 'notified' | 'already-notified';

/**
 * Tell the customer about one fact of their order, inside `transaction` (the handled message's, with its
 * inbox record). `cause` is that message: what the service announces in return continues its flow.
 */
export class NotifyCustomerCommand extends Command<NotifyCustomerOutcome> {
  constructor(
    readonly news: OrderNews,
    readonly cause: Causation,
    readonly transaction: EntityManager,
  ) {
    super();
  }
}
