import { NotFoundException } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ORDER_VIEW_SQL, toOrderView, type OrderRow, type OrderView } from '../order-view';
import { GetOrderQuery } from './get-order.query';

/** One order as the customer sees it. Answers right after POST /orders (the row is written in that transaction). */
@QueryHandler(GetOrderQuery)
export class GetOrderHandler implements IQueryHandler<GetOrderQuery, OrderView> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute({ orderId }: GetOrderQuery): Promise<OrderView> {
    const [row]: OrderRow[] = await this.dataSource.query(`${ORDER_VIEW_SQL} WHERE o.order_id = $1`, [orderId]);
    if (!row) throw new NotFoundException(`no order ${orderId}`);
    return toOrderView(row);
  }
}
