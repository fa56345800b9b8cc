import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsInt, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';

export class OrderLineRequest {
  @ApiProperty({ example: 'BOX-S' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'sku must be 1–64 letters, digits, "-" or "_"' })
  sku!: string;

  @ApiProperty({ example: 2, minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(10_000)
  quantity!: number;
}

/** The body of POST /orders. Unknown fields are refused (a client can never set a status). */
export class PlaceOrderRequest {
  @ApiProperty({ example: 'customer-42' })
  @IsString()
  @Length(1, 64)
  customerId!: string;

  @ApiProperty({ type: [OrderLineRequest] })
  @ValidateNested({ each: true })
  @Type(() => OrderLineRequest)
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  lines!: OrderLineRequest[];

  @ApiProperty({ example: 'Manchester' })
  @IsString()
  @Length(1, 100)
  destination!: string;
}
