import { Command } from '@nestjs/cqrs';
import type { Causation } from '@waybill/contracts';
import type { EntityManager } from 'typeorm';

/** Give back whatever the order holds, inside `transaction` (the handled message's, with its inbox record). */
export class ReleaseStockCommand extends Command<void> {
  constructor(
    readonly orderId: string,
    readonly cause: Causation,
    readonly transaction: EntityManager,
  ) {
    super();
  }
}
