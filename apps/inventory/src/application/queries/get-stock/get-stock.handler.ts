import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import type { StockLevel } from '@waybill/inventory-domain';
import { DataSource } from 'typeorm';
import { SqlStockItemRepository } from '../../../infrastructure/sql-stock-item.repository';
import { GetStockQuery } from './get-stock.query';

/** Reads one stock item as it stands; no lock, no transaction: a read never holds up a reservation. */
@QueryHandler(GetStockQuery)
export class GetStockHandler implements IQueryHandler<GetStockQuery> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute({ sku }: GetStockQuery): Promise<StockLevel | undefined> {
    return (await new SqlStockItemRepository(this.dataSource.manager).find(sku))?.level();
  }
}
