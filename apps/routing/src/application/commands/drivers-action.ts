// What the driver's two actions (dispatch, deliver) share: one transaction that loads the shipment
// (locked), applies the action, saves it and writes its event to the outbox. The HTTP answer follows
// the design's conventions: 404 for an unknown id, 409 when the shipment's state does not allow it.
import { ConflictException, NotFoundException } from '@nestjs/common';
import type { Causation } from '@waybill/contracts';
import { ShipmentStateError, type Shipment } from '@waybill/routing-domain';
import { isUUID } from 'class-validator';
import type { DataSource } from 'typeorm';
import { SqlShipmentRepository } from '../../infrastructure/sql-shipment.repository';
import { publishShipmentEvents } from '../shipment-events';
import { ShipmentResponseDto } from '../shipment.response.dto';

export async function driversAction(
  dataSource: DataSource,
  { shipmentId, cause }: { shipmentId: string; cause: Causation },
  action: (shipment: Shipment) => void,
): Promise<ShipmentResponseDto> {
  // Shipment ids are UUIDs: anything else names no shipment (and would only make PostgreSQL complain).
  if (!isUUID(shipmentId)) throw new NotFoundException(`Shipment ${shipmentId} not found`);
  return dataSource.transaction(async (transaction) => {
    const shipments = new SqlShipmentRepository(transaction);
    const shipment = await shipments.ofId(shipmentId);
    if (!shipment) throw new NotFoundException(`Shipment ${shipmentId} not found`);
    try {
      action(shipment);
    } catch (error) {
      if (error instanceof ShipmentStateError) throw new ConflictException(error.message);
      throw error;
    }
    await shipments.save(shipment);
    await publishShipmentEvents(transaction, shipment, cause);
    return ShipmentResponseDto.of(shipment);
  });
}
