import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { StockAvailability } from '../../projections/stock-availability/stock-availability.projection';
import { GetStockQuery } from './get-stock.query';

/**
 * Reads the stock view, never the stock items (docs/patterns/cqrs.md): a read takes no lock, so it never
 * holds up a reservation. The view is as fresh as the last commit: every change applies its own level
 * to it in its transaction (read-your-writes).
 */
@QueryHandler(GetStockQuery)
export class GetStockHandler implements IQueryHandler<GetStockQuery> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute({ sku }: GetStockQuery): Promise<StockAvailability | undefined> {
    const [row]: StockAvailability[] = await this.dataSource.query(
      `SELECT sku, on_hand AS "onHand", reserved, available FROM stock_availability WHERE sku = $1`,
      [sku],
    );
    return row;
  }
}
