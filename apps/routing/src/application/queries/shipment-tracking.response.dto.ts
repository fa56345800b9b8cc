import { ApiProperty } from '@nestjs/swagger';
import type { ShipmentStatus } from '@waybill/routing-domain';
import { ShipmentResponseDto } from '../shipment.response.dto';

const STATUSES: ShipmentStatus[] = ['PLANNED', 'DISPATCHED', 'DELIVERED', 'CANCELLED'];

export class ShipmentStepDto {
  @ApiProperty({ enum: STATUSES, description: 'The status the shipment reached.' })
  status!: ShipmentStatus;

  @ApiProperty({ format: 'date-time', description: 'When it happened (the event’s occurredAt).' })
  at!: string;
}

/**
 * A shipment as its tracking shows it (`GET /shipments?orderId=`, `GET /shipments/{shipmentId}`): the same
 * fields as the driver's actions answer, plus when each step happened. Read from the shipment-tracking
 * view, never from the shipments table (docs/patterns/cqrs.md).
 */
export class ShipmentTrackingResponseDto extends ShipmentResponseDto {
  @ApiProperty({
    type: [ShipmentStepDto],
    description: 'The steps taken so far, oldest first: PLANNED, then DISPATCHED and DELIVERED, or CANCELLED.',
    example: [
      { status: 'PLANNED', at: '2025-11-22T09:00:00.000Z' },
      { status: 'DISPATCHED', at: '2025-11-22T10:15:00.000Z' },
    ],
  })
  timeline!: ShipmentStepDto[];
}
