import type { IEvent } from '@nestjs/cqrs';
import type { Sku } from '@waybill/inventory-domain';

/**
 * In-process only (the EventBus): goods were received and the receipt has COMMITTED. Carries the
 * after-commit reactions that may be lost (a crash, a failing handler) without harm, such as metrics;
 * anything that must not be lost is a message in the outbox instead (docs/patterns/outbox.md).
 */
export class GoodsReceived implements IEvent {
  constructor(
    readonly sku: Sku,
    readonly quantity: number,
  ) {}
}
