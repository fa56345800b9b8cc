import { Body, ConflictException, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Sku, StockLimitExceeded } from '@waybill/inventory-domain';
import { SkuPath } from '../../sku.path.dto';
import { StockLevelResponse } from '../../stock-level.response.dto';
import { ReceiveGoodsCommand } from './receive-goods.command';
import { ReceiveGoodsRequest } from './receive-goods.request.dto';

@ApiTags('stock')
@Controller('stock')
export class ReceiveGoodsHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** 200 with the stock level after the delivery; a SKU received for the first time is created. */
  @Post(':sku/receipts')
  @HttpCode(200)
  @ApiOkResponse({ type: StockLevelResponse })
  @ApiBadRequestResponse({ description: 'A malformed SKU, or a quantity that is not a whole number from 1 to 1,000,000, or an unknown field.' })
  @ApiConflictResponse({ description: 'On hand would exceed what the stock counter holds.' })
  async receive(@Param() { sku }: SkuPath, @Body() { quantity }: ReceiveGoodsRequest): Promise<StockLevelResponse> {
    try {
      return StockLevelResponse.of(await this.commands.execute(new ReceiveGoodsCommand(Sku.parse(sku), quantity)));
    } catch (error) {
      if (error instanceof StockLimitExceeded) throw new ConflictException(error.message);
      throw error;
    }
  }
}
