import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Sku } from '@waybill/inventory-domain';
import { SkuPath } from '../../sku.path.dto';
import { StockLevelResponse } from '../../stock-level.response.dto';
import { GetStockQuery } from './get-stock.query';

@ApiTags('stock')
@Controller('stock')
export class GetStockHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':sku')
  @ApiOkResponse({ type: StockLevelResponse })
  @ApiBadRequestResponse({ description: 'The SKU is not 1–64 letters, digits, "-" or "_".' })
  @ApiNotFoundResponse({ description: 'The warehouse has never carried this SKU.' })
  async get(@Param() { sku }: SkuPath): Promise<StockLevelResponse> {
    const level = await this.queries.execute(new GetStockQuery(Sku.parse(sku)));
    if (!level) throw new NotFoundException(`no stock item ${sku}`);
    return StockLevelResponse.of(level);
  }
}
