// Test data for reservations (an object mother). A reservation's state only makes sense together with the
// stock items that hold (or held) its lines, so each situation comes with its `stock`, and is built by
// the same intent methods production uses: a mother cannot build a state the domain could not reach.
import { randomUUID } from 'node:crypto';
import type { ReservationLine } from './reservation-line';
import { Reservation } from './reservation';
import type { StockItem } from './stock-item';
import { StockItemMother } from './stock-item.mother';

export interface ReservationSituation {
  reservation: Reservation;
  stock: StockItem[];
  orderId: string;
}

const anOrderId = (): string => randomUUID();

const twoTentsOneStove = (): ReservationLine[] => [
  { sku: 'TENT-2P', quantity: 2 },
  { sku: 'STOVE-GAS', quantity: 1 },
];

/** Enough stock for `lines`, with `spare` more of each on the shelf. */
const stockFor = (lines: readonly ReservationLine[], spare = 5): StockItem[] =>
  lines.map(({ sku, quantity }) => StockItemMother.withAvailable(quantity + spare, sku));

/** Runs the intent methods, then forgets the events they recorded: the test starts from the state. */
function settled(reservation: Reservation, stock: StockItem[]): ReservationSituation {
  reservation.pullEvents();
  return { reservation, stock, orderId: reservation.orderId };
}

/** Every line held, 5 more of each SKU still available. */
function reserved(lines: ReservationLine[] = twoTentsOneStove(), orderId = anOrderId()): ReservationSituation {
  const stock = stockFor(lines);
  return settled(Reservation.request(orderId, lines, stock), stock);
}

export const ReservationMother = {
  anOrderId,
  twoTentsOneStove,
  reserved,

  /** Asked for more tents than there were: nothing held. */
  refused(orderId = anOrderId()): ReservationSituation {
    const stock = [StockItemMother.withAvailable(1, 'TENT-2P')];
    return settled(Reservation.request(orderId, [{ sku: 'TENT-2P', quantity: 3 }], stock), stock);
  },

  released(lines?: ReservationLine[]): ReservationSituation {
    const { reservation, stock } = reserved(lines);
    reservation.release(stock);
    return settled(reservation, stock);
  },

  committed(lines?: ReservationLine[]): ReservationSituation {
    const { reservation, stock } = reserved(lines);
    reservation.commit(stock);
    return settled(reservation, stock);
  },

  /** ReleaseStock came first; the order never reserved anything. */
  releasedBeforeRequest(orderId = anOrderId()): ReservationSituation {
    return settled(Reservation.releaseBeforeRequest(orderId), []);
  },
};
