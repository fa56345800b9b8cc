import { ApiProperty } from '@nestjs/swagger';
import type { StockAvailability } from './projections/stock-availability/stock-availability.projection';

/** How much of one SKU there is: the body of GET /stock/{sku} and of POST /stock/{sku}/receipts. */
export class StockLevelResponse {
  @ApiProperty({ example: 'TENT-2P' })
  sku!: string;

  @ApiProperty({ example: 40, description: 'On the shelf, reserved or not.' })
  onHand!: number;

  @ApiProperty({ example: 6, description: 'Promised to orders that have not left yet.' })
  reserved!: number;

  @ApiProperty({ example: 34, description: 'What a new order can still get: onHand − reserved, never negative.' })
  available!: number;

  /** Exactly the design's four fields, whatever else a level (the view's, or a receipt's StockLevel) may carry one day. */
  static of({ sku, onHand, reserved, available }: StockAvailability): StockLevelResponse {
    return { sku, onHand, reserved, available };
  }
}
