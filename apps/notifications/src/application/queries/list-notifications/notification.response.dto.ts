import { ApiProperty } from '@nestjs/swagger';
import { ORDER_FACTS, type OrderFact } from '@waybill/notifications-domain';
import type { NotificationView } from './list-notifications.query';

/** One notification as the HTTP API shows it (DESIGN.md: `GET /notifications?orderId=`). */
export class NotificationResponseDto implements NotificationView {
  @ApiProperty({ format: 'uuid' })
  notificationId!: string;

  @ApiProperty({ format: 'uuid' })
  orderId!: string;

  @ApiProperty({ description: 'The customer who was told.' })
  customerId!: string;

  @ApiProperty({ enum: ORDER_FACTS, description: 'The fact the customer was told about; at most one notification per order and fact.' })
  fact!: OrderFact;

  @ApiProperty({ description: 'The text the customer received.' })
  message!: string;

  @ApiProperty({ format: 'date-time' })
  sentAt!: string;
}
