// `npm run demo`: plays Waybill's story against the running stack (`npm start` in another terminal),
// one order per path of the saga, and prints each order's timeline as it unfolds:
//   delivered (confirmed → dispatched → delivered), out of stock, no route, cancelled by the customer.
// (TIMEOUT needs a participant that does not answer: stop inventory's process and place an order.)
import { randomUUID } from 'node:crypto';

const url = (service: string, port: number) => `http://127.0.0.1:${process.env[`${service.toUpperCase()}_PORT`] ?? port}`;
const ORDERS = url('orders', 3000);
const INVENTORY = url('inventory', 3001);
const ROUTING = url('routing', 3002);
const NOTIFICATIONS = url('notifications', 3003);

const paint = (code: number) => (text: string) => (process.stdout.isTTY ? `\x1b[${code}m${text}\x1b[0m` : text);
const bold = paint(1);
const dim = paint(2);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function call<T = unknown>(method: string, target: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(target, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

interface OrderView {
  orderId: string;
  status: string;
  rejectionReason?: string;
  shipment?: { distanceKm: number; etaMinutes: number; route: string[] };
  history: Array<{ at: string; type: string }>;
}

/** What has been printed of each order's history, so following it again prints only what is new. */
const printed = new Map<string, Set<string>>();

/** Follows an order, printing each new history entry, until it reaches one of `statuses`. */
async function follow(label: string, orderId: string, statuses: string[], timeoutMs = 60_000): Promise<OrderView> {
  const seen = printed.get(orderId) ?? new Set<string>();
  printed.set(orderId, seen);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body: order } = await call<OrderView>('GET', `${ORDERS}/orders/${orderId}`);
    for (const entry of order.history) {
      const id = `${entry.at}|${entry.type}`;
      if (seen.has(id)) continue;
      seen.add(id);
      console.log(`  ${dim(entry.at.slice(11, 23))}  ${label.padEnd(12)} ${entry.type}`);
    }
    if (statuses.includes(order.status)) return order;
    if (Date.now() > deadline) throw new Error(`order ${orderId} did not reach ${statuses.join('/')} (it is ${order.status})`);
    await sleep(150);
  }
}

async function place(customerId: string, lines: Array<{ sku: string; quantity: number }>, destination: string): Promise<string> {
  const { status, body } = await call<{ orderId: string }>('POST', `${ORDERS}/orders`, { customerId, lines, destination });
  if (status !== 202) throw new Error(`POST /orders answered ${status}: ${JSON.stringify(body)}`);
  return body.orderId;
}

async function main(): Promise<void> {
  for (const [name, base] of Object.entries({ orders: ORDERS, inventory: INVENTORY, routing: ROUTING, notifications: NOTIFICATIONS })) {
    const healthy = await fetch(`${base}/health`).then((response) => response.ok, () => false);
    if (!healthy) throw new Error(`${name} is not answering at ${base}/health — start the stack first: npm start`);
  }
  const sku = 'DEMO-LAMP';
  await call('POST', `${INVENTORY}/stock/${sku}/receipts`, { quantity: 5 });
  const { body: network } = await call<{ depot: string; roads: Array<{ from: string; to: string }> }>('GET', `${ROUTING}/network`);
  const destination = network.roads.find((road) => road.from === network.depot)?.to ?? network.roads[0].to;
  const stockBefore = (await call<{ onHand: number; reserved: number }>('GET', `${INVENTORY}/stock/${sku}`)).body;
  console.log(bold(`\nWaybill demo — depot ${network.depot}; ${sku}: ${stockBefore.onHand} on hand, ${stockBefore.reserved} reserved\n`));

  console.log(bold('1. An order that is delivered'));
  const delivered = await place('demo-alice', [{ sku, quantity: 2 }], destination);
  const confirmed = await follow('delivered', delivered, ['CONFIRMED', 'REJECTED']);
  if (confirmed.status !== 'CONFIRMED') throw new Error(`expected CONFIRMED, got ${confirmed.status} (${confirmed.rejectionReason})`);
  console.log(dim(`     route ${confirmed.shipment!.route.join(' → ')}, ${confirmed.shipment!.distanceKm} km, ETA ${confirmed.shipment!.etaMinutes} min`));
  const { body: shipment } = await call<{ shipmentId: string }>('GET', `${ROUTING}/shipments?orderId=${delivered}`);
  await call('POST', `${ROUTING}/shipments/${shipment.shipmentId}/dispatch`);
  await follow('delivered', delivered, ['DISPATCHED']);
  await call('POST', `${ROUTING}/shipments/${shipment.shipmentId}/deliver`);
  await follow('delivered', delivered, ['DELIVERED']);

  console.log(bold('\n2. An order for something out of stock'));
  await follow('out of stock', await place('demo-bob', [{ sku: `DEMO-UNOBTAINIUM-${randomUUID().slice(0, 4)}`, quantity: 1 }], destination), ['REJECTED']);

  console.log(bold('\n3. An order to a place no road reaches'));
  await follow('no route', await place('demo-carol', [{ sku, quantity: 1 }], 'Atlantis'), ['REJECTED']);

  console.log(bold('\n4. An order the customer cancels'));
  const cancelled = await place('demo-dave', [{ sku, quantity: 1 }], destination);
  await follow('cancelled', cancelled, ['CONFIRMED']);
  await call('POST', `${ORDERS}/orders/${cancelled}/cancel`);
  await follow('cancelled', cancelled, ['CANCELLED']);

  await sleep(1_500); // let the last notifications and compensations land
  console.log(bold('\nWhat the customers were told'));
  for (const orderId of [delivered, cancelled]) {
    const { body: notes } = await call<Array<{ fact: string; message: string }>>('GET', `${NOTIFICATIONS}/notifications?orderId=${orderId}`);
    for (const note of notes) console.log(`  ${note.fact.padEnd(17)} ${note.message}`);
  }
  const stockAfter = (await call<{ onHand: number; reserved: number }>('GET', `${INVENTORY}/stock/${sku}`)).body;
  console.log(bold(`\n${sku}: ${stockBefore.onHand} → ${stockAfter.onHand} on hand (the delivered order took 2), ${stockBefore.reserved} → ${stockAfter.reserved} reserved (every other reservation released)\n`));
}

main().catch((error: Error) => {
  console.error(`demo: ${error.message}`);
  process.exit(1);
});
