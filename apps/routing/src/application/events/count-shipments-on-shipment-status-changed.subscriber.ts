import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { ServiceMetrics } from '@waybill/platform';
import { Counter } from 'prom-client';
import { ShipmentStatusChangedEvent } from './shipment-status-changed.event';

/**
 * Counts the shipments drivers dispatch and deliver, for /metrics. A business metric may miss a beat
 * (the process dies between commit and count) without harm, which is why it can hang off the in-memory
 * EventBus; anything that must not be lost goes through the outbox instead.
 */
@EventsHandler(ShipmentStatusChangedEvent)
export class CountShipmentsOnShipmentStatusChanged implements IEventHandler<ShipmentStatusChangedEvent> {
  private readonly shipments: Counter<'status'>;

  constructor(metrics: ServiceMetrics) {
    this.shipments = new Counter({
      name: 'routing_shipments_total',
      help: "Shipments that reached a status by a driver's action (DISPATCHED, DELIVERED), counted after the change committed.",
      labelNames: ['status'] as const,
      registers: [metrics.registry],
    });
  }

  handle({ status }: ShipmentStatusChangedEvent): void {
    this.shipments.inc({ status });
  }
}
