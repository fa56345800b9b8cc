import { Command } from '@nestjs/cqrs';
import type { Causation } from '@waybill/contracts';
import type { ReservationLine } from '@waybill/inventory-domain';
import type { EntityManager } from 'typeorm';

/** Hold `lines` for the order, all or none, inside `transaction` (the handled message's, with its inbox record). */
export class ReserveStockCommand extends Command<void> {
  constructor(
    readonly orderId: string,
    readonly lines: readonly ReservationLine[],
    /** The message that asked: the answer is caused by it, in the same flow. */
    readonly cause: Causation,
    readonly transaction: EntityManager,
  ) {
    super();
  }
}
