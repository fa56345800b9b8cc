import { NotFoundException } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { OrderView } from '../../projections/order-view/order-view.fold';
import { GetOrderQuery } from './get-order.query';

/**
 * One order as the customer sees it, from the order view only (docs/patterns/cqrs.md). Answers right
 * after POST /orders: that transaction applied OrderPlaced to the view (read-your-writes).
 */
@QueryHandler(GetOrderQuery)
export class GetOrderHandler implements IQueryHandler<GetOrderQuery, OrderView> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute({ orderId }: GetOrderQuery): Promise<OrderView> {
    const [row]: Array<{ view: OrderView }> = await this.dataSource.query(`SELECT view FROM order_view WHERE order_id = $1`, [orderId]);
    if (!row) throw new NotFoundException(`no order ${orderId}`);
    return row.view;
  }
}
