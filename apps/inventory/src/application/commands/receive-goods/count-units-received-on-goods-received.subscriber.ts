import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { ServiceMetrics } from '@waybill/platform';
import { Counter } from 'prom-client';
import { GoodsReceived } from './goods-received.event';

/**
 * Counts the units booked in at the depot (`inventory_units_received_total` on /metrics). On the
 * EventBus, after the commit, because it is fire-and-forget: a lost count skews a dashboard, never the
 * books. Labelled by nothing: SKUs are unbounded, and a label per SKU would grow the metric without end.
 */
@EventsHandler(GoodsReceived)
export class CountUnitsReceivedOnGoodsReceived implements IEventHandler<GoodsReceived> {
  private readonly unitsReceived: Counter;

  constructor(metrics: ServiceMetrics) {
    this.unitsReceived = new Counter({
      name: 'inventory_units_received_total',
      help: 'Units of stock received at the depot (POST /stock/{sku}/receipts), counted after each receipt commits.',
      registers: [metrics.registry],
    });
  }

  handle({ quantity }: GoodsReceived): void {
    this.unitsReceived.inc(quantity);
  }
}
