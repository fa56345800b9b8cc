import { PlannedRoute } from '../planning/planned-route';
import type { ShipmentEvent } from './shipment.events';

/**
 * A shipment's life: PLANNED → DISPATCHED → DELIVERED, or PLANNED → CANCELLED.
 * Once the van has left (DISPATCHED), the goods are on the road and a cancellation can no longer stop
 * them; that matches the orders side, where a customer may cancel only before dispatch.
 */
export type ShipmentStatus = 'PLANNED' | 'DISPATCHED' | 'DELIVERED' | 'CANCELLED';

export type ShipmentAction = 'dispatch' | 'deliver' | 'cancel';

/** An action the shipment's status does not allow, e.g. delivering what never left the depot. */
export class ShipmentStateError extends Error {
  constructor(
    readonly shipmentId: string,
    readonly status: ShipmentStatus,
    readonly action: ShipmentAction,
  ) {
    super(`shipment ${shipmentId} is ${status}: only ${REQUIRED_STATUS[action]} shipment can be ${PAST_TENSE[action]}`);
    this.name = 'ShipmentStateError';
  }
}

const REQUIRED_STATUS: Record<ShipmentAction, string> = { dispatch: 'a PLANNED', deliver: 'a DISPATCHED', cancel: 'a PLANNED' };
const PAST_TENSE: Record<ShipmentAction, string> = { dispatch: 'dispatched', deliver: 'delivered', cancel: 'cancelled' };

/** A shipment as stored: what the repository writes and reads back. */
export interface ShipmentSnapshot {
  readonly shipmentId: string;
  readonly orderId: string;
  readonly status: ShipmentStatus;
  readonly route: readonly string[];
  readonly distanceKm: number;
  readonly etaMinutes: number;
}

/**
 * The goods of one order on their way from the depot to the customer's city (the aggregate). There is
 * at most one per order; the repository's store enforces that (a unique order id), since no single
 * shipment can see the others.
 */
export class Shipment {
  private events: ShipmentEvent[] = [];

  private constructor(
    readonly shipmentId: string,
    readonly orderId: string,
    readonly route: PlannedRoute,
    private current: ShipmentStatus,
  ) {}

  /** A new shipment along a planned route: it waits at the depot for a driver. Raises ShipmentPlanned. */
  static plan({ shipmentId, orderId, route }: { shipmentId: string; orderId: string; route: PlannedRoute }): Shipment {
    const shipment = new Shipment(shipmentId, orderId, route, 'PLANNED');
    shipment.record({ type: 'ShipmentPlanned', shipmentId, orderId, route });
    return shipment;
  }

  /** A shipment read back from storage: nothing happens, so nothing is recorded. */
  static restore(snapshot: ShipmentSnapshot): Shipment {
    const route = PlannedRoute.of({ cities: snapshot.route, distanceKm: snapshot.distanceKm, etaMinutes: snapshot.etaMinutes });
    return new Shipment(snapshot.shipmentId, snapshot.orderId, route, snapshot.status);
  }

  get status(): ShipmentStatus {
    return this.current;
  }

  /** The driver leaves the depot with it. Only a PLANNED shipment can leave: not twice, not once cancelled. */
  dispatch(): void {
    this.transition('dispatch', 'PLANNED', 'DISPATCHED');
    this.record({ type: 'ShipmentDispatched', ...this.identity() });
  }

  /** The driver hands it over. Only what is on the road can arrive: a DISPATCHED shipment. */
  deliver(): void {
    this.transition('deliver', 'DISPATCHED', 'DELIVERED');
    this.record({ type: 'ShipmentDelivered', ...this.identity() });
  }

  /**
   * The order was cancelled: the shipment will not leave. Allowed while it waits at the depot
   * (PLANNED); refused once it has left (DISPATCHED, DELIVERED). Cancelling a cancelled shipment
   * changes nothing and records nothing: the saga may ask twice, the answer is the same.
   */
  cancel(): void {
    if (this.current === 'CANCELLED') return;
    this.transition('cancel', 'PLANNED', 'CANCELLED');
    this.record({ type: 'ShipmentCancelled', ...this.identity() });
  }

  /** The events recorded since the last call, for the application to publish; the list starts over. */
  pullEvents(): ShipmentEvent[] {
    const events = this.events;
    this.events = [];
    return events;
  }

  snapshot(): ShipmentSnapshot {
    const { cities, distanceKm, etaMinutes } = this.route;
    return { shipmentId: this.shipmentId, orderId: this.orderId, status: this.current, route: cities, distanceKm, etaMinutes };
  }

  private transition(action: ShipmentAction, from: ShipmentStatus, to: ShipmentStatus): void {
    if (this.current !== from) throw new ShipmentStateError(this.shipmentId, this.current, action);
    this.current = to;
  }

  private identity(): { shipmentId: string; orderId: string } {
    return { shipmentId: this.shipmentId, orderId: this.orderId };
  }

  private record(event: ShipmentEvent): void {
    this.events.push(event);
  }
}
