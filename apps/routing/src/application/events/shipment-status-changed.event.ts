import type { ShipmentStatus } from '@waybill/routing-domain';

/**
 * In-process news, published on the EventBus once a driver's action has committed: the shipment is now
 * `status`. Not an integration event (those go through the outbox, shipment-events.ts): the EventBus is
 * in memory and fire-and-forget, so it carries only reactions the platform can afford to lose, like a
 * metric. Nest routes events by class, hence a class around what the aggregate did. The saga's messages
 * (PlanRoute, CancelShipment) run in the transport's transaction, whose commit their handlers do not see,
 * so they announce nothing here.
 */
export class ShipmentStatusChangedEvent {
  constructor(
    readonly shipmentId: string,
    readonly orderId: string,
    readonly status: ShipmentStatus,
  ) {}
}
