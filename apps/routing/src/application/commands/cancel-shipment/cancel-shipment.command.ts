import { Command } from '@nestjs/cqrs';
import type { Causation } from '@waybill/contracts';
import type { EntityManager } from 'typeorm';

/** Cancel an order's shipment (the saga's compensation), inside the transaction of the message that asked. */
export class CancelShipmentCommand extends Command<void> {
  constructor(
    readonly orderId: string,
    readonly cause: Causation,
    readonly transaction: EntityManager,
  ) {
    super();
  }
}
