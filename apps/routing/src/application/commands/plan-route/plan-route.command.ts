import { Command } from '@nestjs/cqrs';
import type { Causation } from '@waybill/contracts';
import type { EntityManager } from 'typeorm';

/** Plan the route of an order's shipment, inside the transaction of the message that asked. */
export class PlanRouteCommand extends Command<void> {
  constructor(
    readonly orderId: string,
    readonly destination: string,
    /** The message that asked: the answer continues its flow. */
    readonly cause: Causation,
    readonly transaction: EntityManager,
  ) {
    super();
  }
}
