import { ServiceMetrics } from '@waybill/platform';
import { OrderStatusChanged } from '../order-status-changed.event';
import { CountOrdersOnOrderStatusChanged } from './count-orders-on-order-status-changed.handler';

describe('CountOrdersOnOrderStatusChanged', () => {
  it('counts each committed change under its status, rejections under their reason', async () => {
    const metrics = new ServiceMetrics('orders');
    const handler = new CountOrdersOnOrderStatusChanged(metrics);

    handler.handle(OrderStatusChanged.of('order-1', { type: 'OrderPlaced', at: new Date() }));
    handler.handle(OrderStatusChanged.of('order-2', { type: 'OrderPlaced', at: new Date() }));
    handler.handle(OrderStatusChanged.of('order-1', { type: 'OrderRejected', at: new Date(), reason: 'OUT_OF_STOCK' }));

    const { values } = (await metrics.registry.getSingleMetric('orders_total')!.get()) as { values: Array<{ labels: object; value: number }> };
    expect(values.map(({ labels, value }) => ({ labels, value }))).toEqual([
      { labels: { status: 'PENDING', reason: '' }, value: 2 },
      { labels: { status: 'REJECTED', reason: 'OUT_OF_STOCK' }, value: 1 },
    ]);
  });
});
