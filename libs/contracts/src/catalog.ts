// Every message of the platform, by name. Consumers look incoming messages up here to validate them
// before any handler sees them; a name that is not here is an unknown type and goes to dead letters.
import { envelopeSchema, messageName, type Envelope } from './envelope';
import { InventoryMessages } from './inventory/inventory.messages';
import type { MessageDefinition } from './message-definition';
import { NotificationsMessages } from './notifications/notifications.messages';
import { upcast } from './upcasting/upcast';
import { OrdersMessages } from './orders/orders.messages';
import { RoutingMessages } from './routing/routing.messages';

export const MESSAGE_CATALOG: ReadonlyMap<string, MessageDefinition> = new Map(
  [...OrdersMessages, ...InventoryMessages, ...RoutingMessages, ...NotificationsMessages].map((definition) => [definition.name, definition as MessageDefinition]),
);

/** Why a message cannot be handled, whatever the handler would do: retrying cannot help. */
export type RejectionReason = 'MALFORMED_JSON' | 'SCHEMA_INVALID' | 'UNKNOWN_TYPE';

export type Validation =
  | { ok: true; envelope: Envelope; definition: MessageDefinition }
  | { ok: false; reason: RejectionReason; detail: string; type?: string };

/** Decodes and validates raw bytes from a topic: JSON, the envelope, then the payload against its contract. */
export function validateMessage(raw: Buffer | string | null): Validation {
  let json: unknown;
  try {
    json = JSON.parse(raw?.toString() ?? '');
  } catch (error) {
    return { ok: false, reason: 'MALFORMED_JSON', detail: (error as Error).message };
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) return { ok: false, reason: 'SCHEMA_INVALID', detail: describeIssues(envelope.error.issues) };
  let current: Envelope;
  try {
    current = upcast(envelope.data); // a message of an older contract becomes the current one (upcasting/)
  } catch (error) {
    const issues = (error as { issues?: Array<{ path: PropertyKey[]; message: string }> }).issues ?? [];
    return { ok: false, reason: 'SCHEMA_INVALID', detail: describeIssues(issues), type: messageName(envelope.data) };
  }
  const name = messageName(current);
  const definition = MESSAGE_CATALOG.get(name);
  if (!definition) return { ok: false, reason: 'UNKNOWN_TYPE', detail: `no contract named ${name}`, type: name };
  try {
    return { ok: true, envelope: definition.parse(current), definition };
  } catch (error) {
    const issues = (error as { issues?: Array<{ path: PropertyKey[]; message: string }> }).issues ?? [];
    return { ok: false, reason: 'SCHEMA_INVALID', detail: describeIssues(issues), type: name };
  }
}

function describeIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  return issues.map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`).join('; ');
}
