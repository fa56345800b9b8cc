import { ApiProperty } from '@nestjs/swagger';
import type { Shipment, ShipmentStatus } from '@waybill/routing-domain';

const STATUSES: ShipmentStatus[] = ['PLANNED', 'DISPATCHED', 'DELIVERED', 'CANCELLED'];

/** A shipment as the driver's actions answer it; the shipment queries add its timeline (queries/shipment-tracking.response.dto.ts). */
export class ShipmentResponseDto {
  @ApiProperty({ format: 'uuid' })
  shipmentId!: string;

  @ApiProperty({ format: 'uuid' })
  orderId!: string;

  @ApiProperty({ enum: STATUSES })
  status!: ShipmentStatus;

  @ApiProperty({ type: [String], description: 'The cities driven through, the depot first and the destination last.', example: ['Birmingham', 'Coventry', 'Milton Keynes'] })
  route!: string[];

  @ApiProperty({ description: 'Kilometres by road, to one decimal.', example: 116 })
  distanceKm!: number;

  @ApiProperty({ description: 'Minutes from leaving the depot to unloading, breaks included (docs/domain/routing.md).', example: 145 })
  etaMinutes!: number;

  static of(shipment: Shipment): ShipmentResponseDto {
    const { shipmentId, orderId, status, route, distanceKm, etaMinutes } = shipment.snapshot();
    return Object.assign(new ShipmentResponseDto(), { shipmentId, orderId, status, route: [...route], distanceKm, etaMinutes });
  }
}
