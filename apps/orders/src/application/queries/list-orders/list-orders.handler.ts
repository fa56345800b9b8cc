import { BadRequestException } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { OrderView } from '../../projections/order-view/order-view.fold';
import { ListOrdersQuery } from './list-orders.query';

export interface OrdersPage {
  items: OrderView[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/**
 * A page of the order view, newest first. The cursor is the (placedAt, orderId) of the last order shown
 * (a keyset, served by the view's indexes), so a page never repeats or skips an order when new orders
 * arrive meanwhile: they sort before the cursor, not after.
 */
@QueryHandler(ListOrdersQuery)
export class ListOrdersHandler implements IQueryHandler<ListOrdersQuery, OrdersPage> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute({ filter }: ListOrdersQuery): Promise<OrdersPage> {
    const limit = filter.limit ?? 20;
    const conditions: string[] = [];
    const parameters: unknown[] = [];
    const where = (sql: string, value: unknown) => {
      parameters.push(value);
      conditions.push(sql.replace('?', `$${parameters.length}`));
    };
    if (filter.customerId) where('customer_id = ?', filter.customerId);
    if (filter.status) where('status = ?', filter.status);
    if (filter.cursor) {
      const [placedAt, orderId] = decodeCursor(filter.cursor);
      parameters.push(placedAt, orderId);
      conditions.push(`(placed_at, order_id) < ($${parameters.length - 1}, $${parameters.length})`);
    }
    parameters.push(limit + 1);
    const rows: Array<{ order_id: string; placed_at: Date; view: OrderView }> = await this.dataSource.query(
      `SELECT order_id, placed_at, view FROM order_view ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
       ORDER BY placed_at DESC, order_id DESC LIMIT $${parameters.length}`,
      parameters,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((row) => row.view),
      nextCursor: rows.length > limit && last ? encodeCursor(last.placed_at, last.order_id) : null,
    };
  }
}

const encodeCursor = (placedAt: Date, orderId: string): string => Buffer.from(JSON.stringify([placedAt.toISOString(), orderId])).toString('base64url');

function decodeCursor(cursor: string): [string, string] {
  try {
    const [placedAt, orderId] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    if (Number.isNaN(Date.parse(placedAt)) || !/^[0-9a-f-]{36}$/.test(orderId)) throw new Error();
    return [placedAt, orderId];
  } catch {
    throw new BadRequestException('cursor is not one this service gave out');
  }
}
