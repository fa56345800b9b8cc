import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

/** `GET /shipments?orderId=`: an order id is required, and order ids are UUIDs. */
export class GetShipmentOfOrderRequestDto {
  @ApiProperty({ format: 'uuid', description: 'The order whose shipment to show.' })
  @IsUUID()
  orderId!: string;
}
