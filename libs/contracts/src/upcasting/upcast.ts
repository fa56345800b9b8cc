// Where consumers turn messages of old contracts into current ones, before the catalogue lookup in
// `validateMessage` (catalog.ts). See upcaster.ts for the pattern and its one rule.
import { messageName, type Envelope } from '../envelope';
import { StockUnavailableFromStockShort } from './stock-unavailable-from-stock-short.upcaster';
import type { Upcaster } from './upcaster';

/** Every upcaster, by the old message name it reads. An old name must not also be in MESSAGE_CATALOG. */
export const UPCASTERS: ReadonlyMap<string, Upcaster> = new Map(
  [StockUnavailableFromStockShort].map((upcaster) => [upcaster.name, upcaster as Upcaster]),
);

/** An old message that cannot be upcast: its payload is invalid under its old contract. */
export class UpcastError extends Error {
  constructor(
    readonly messageName: string,
    /** Same shape as zod's issues, paths from the envelope (`payload.shortages.0.sku`). */
    readonly issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>,
  ) {
    super(
      `cannot upcast ${messageName}: ${issues.map((issue) => `${issue.path.map(String).join('.')}: ${issue.message}`).join('; ')}`,
    );
  }
}

/**
 * The envelope as the current contract of its message: unchanged when no upcaster reads its name, else
 * converted step by step. The envelope's `id` is kept, since it is the same message: the inbox still
 * de-duplicates it, and `causationId` chains still point to it. Throws UpcastError when the old payload
 * is invalid under its old contract.
 */
export function upcast(envelope: Envelope): Envelope {
  let current = envelope;
  // At most one step per upcaster: a longer chain would be a cycle (the spec proves there is none).
  for (let steps = 0; steps <= UPCASTERS.size; steps++) {
    const upcaster = UPCASTERS.get(messageName(current));
    if (!upcaster) return current;
    const old = upcaster.payload.safeParse(current.payload);
    if (!old.success) {
      throw new UpcastError(
        upcaster.name,
        old.error.issues.map((issue) => ({ path: ['payload', ...issue.path], message: issue.message })),
      );
    }
    current = {
      ...current,
      type: upcaster.to.type,
      version: upcaster.to.version,
      payload: upcaster.upcast(old.data),
    };
  }
  throw new Error(`the upcasters of ${messageName(envelope)} form a cycle`);
}
