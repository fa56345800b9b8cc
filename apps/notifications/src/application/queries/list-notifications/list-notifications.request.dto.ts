import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

/** `GET /notifications?orderId=`: the order is required, and must be an order id (a UUID) — else 400. */
export class ListNotificationsRequestDto {
  @ApiProperty({ format: 'uuid', description: 'The order whose notifications to list.' })
  @IsUUID('all')
  orderId!: string;
}
