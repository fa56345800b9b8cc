import { Command } from '@nestjs/cqrs';
import type { Causation } from '@waybill/contracts';
import type { EntityManager } from 'typeorm';

/** The order's reserved stock leaves with its shipment, inside `transaction` (the handled message's, with its inbox record). */
export class CommitStockCommand extends Command<void> {
  constructor(
    readonly orderId: string,
    readonly cause: Causation,
    readonly transaction: EntityManager,
  ) {
    super();
  }
}
