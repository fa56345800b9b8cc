import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

/** The body of POST /stock/{sku}/receipts. Unknown fields are refused (400). */
export class ReceiveGoodsRequest {
  /** One delivery of at most a million units: larger numbers are typing mistakes, and the stock counter is a 32-bit integer. */
  @ApiProperty({ example: 24, minimum: 1, maximum: 1_000_000 })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  quantity!: number;
}
