// What the driver's two actions (dispatch, deliver) share: one transaction that loads the shipment
// (locked), applies the action, saves it, writes its event to the outbox and applies that event to the
// tracking view (read-your-writes: the driver's next GET shows the change). The HTTP answer follows
// the design's conventions: 404 for an unknown id, 409 when the shipment's state does not allow it.
import { ConflictException, NotFoundException } from '@nestjs/common';
import type { EventBus } from '@nestjs/cqrs';
import type { Causation } from '@waybill/contracts';
import type { ReadModels } from '@waybill/platform';
import { ShipmentStateError, type Shipment } from '@waybill/routing-domain';
import { isUUID } from 'class-validator';
import type { DataSource } from 'typeorm';
import { SqlShipmentRepository } from '../../infrastructure/sql-shipment.repository';
import { ShipmentStatusChangedEvent } from '../events/shipment-status-changed.event';
import { publishShipmentEvents } from '../shipment-events';
import { ShipmentResponseDto } from '../shipment.response.dto';

export interface DriversActionDependencies {
  dataSource: DataSource;
  readModels: ReadModels;
  eventBus: EventBus;
}

export async function driversAction(
  { dataSource, readModels, eventBus }: DriversActionDependencies,
  { shipmentId, cause }: { shipmentId: string; cause: Causation },
  action: (shipment: Shipment) => void,
): Promise<ShipmentResponseDto> {
  // Shipment ids are UUIDs: anything else names no shipment (and would only make PostgreSQL complain).
  if (!isUUID(shipmentId)) throw new NotFoundException(`Shipment ${shipmentId} not found`);
  const shipment = await dataSource.transaction(async (transaction) => {
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
    await readModels.projectNow(transaction, await publishShipmentEvents(transaction, shipment, cause));
    return shipment;
  });
  // Only now that it has committed: a listener must never react to a change that was rolled back.
  eventBus.publish(new ShipmentStatusChangedEvent(shipment.shipmentId, shipment.orderId, shipment.status));
  return ShipmentResponseDto.of(shipment);
}
