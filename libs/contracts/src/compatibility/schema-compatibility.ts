// The breaking-change gate: compares a message's payload schema as committed in
// libs/contracts/contract-baseline.json with the one the contracts declare now, and lists every change
// that would break a consumer or the messages already on a topic. A breaking change to `type.vN` must be
// a new version (`type.vN+1`) next to the old one instead (docs/patterns/contracts.md, "Changing a
// message safely"). Allowed: a new optional field, a widened enum, a new message, a new version. Those
// still need the consumers deployed first (payloads are strict and enums closed), but nothing already
// written or produced stops being valid.
//
// Why the direction matters: event topics are kept forever and replayed, and producers and consumers are
// deployed one at a time. So a consumer built from the NEW schema must still accept every message valid
// under the OLD one (written before the change, or sent by a producer not yet redeployed), and code
// written against the old schema must still find what it reads.
import type { JsonSchema } from '../asyncapi/json-schema';

export type BreakingRule =
  'FIELD_REMOVED' | 'TYPE_CHANGED' | 'ENUM_NARROWED' | 'MADE_REQUIRED' | 'MESSAGE_REMOVED' | 'TOPIC_CHANGED';

export interface BreakingChange {
  /** The message name (`inventory.stock-unavailable.v1`); absent when comparing bare schemas. */
  message?: string;
  /** Where in the payload: `missing[].sku`, or `(payload)` for the root. */
  path: string;
  rule: BreakingRule;
  detail: string;
}

const ROOT = '(payload)';

/** Every breaking change from `baseline` to `current` (both payload JSON Schemas from `z.toJSONSchema`). */
export function findBreakingChanges(
  baseline: JsonSchema,
  current: JsonSchema,
  path = ROOT,
): BreakingChange[] {
  const before = typesOf(baseline);
  const after = typesOf(current);
  // TYPE_CHANGED: a consumer that parses the field as a number cannot read a string, and messages already
  // written with the old type are refused by the new schema. Checked first: below it nothing compares.
  if (!sameSet(before, after)) {
    return [
      { path, rule: 'TYPE_CHANGED', detail: `type ${[...before].join('|')} became ${[...after].join('|')}` },
    ];
  }
  // A format is part of the type: a field that was any string and must now be a uuid refuses old
  // messages; one that was a uuid and may now be any string breaks consumers that look it up by id.
  if (baseline['format'] !== current['format']) {
    return [
      {
        path,
        rule: 'TYPE_CHANGED',
        detail: `format ${String(baseline['format'] ?? 'none')} became ${String(current['format'] ?? 'none')}`,
      },
    ];
  }
  return [
    ...enumChanges(baseline, current, path),
    ...objectChanges(baseline, current, path),
    ...(baseline['items'] && current['items']
      ? findBreakingChanges(
          baseline['items'] as JsonSchema,
          current['items'] as JsonSchema,
          `${path === ROOT ? '' : path}[]`,
        )
      : []),
    ...unionChanges(baseline, current, path),
  ];
}

// ENUM_NARROWED: a value that is no longer allowed is still in messages already written (and still sent
// by a producer not yet redeployed); the new consumers refuse them. A `const` is a one-value enum.
function enumChanges(baseline: JsonSchema, current: JsonSchema, path: string): BreakingChange[] {
  const before = valuesOf(baseline);
  if (!before) return [];
  const after = valuesOf(current);
  const dropped = after ? before.filter((value) => !after.includes(value)) : [];
  return dropped.length > 0
    ? [
        {
          path,
          rule: 'ENUM_NARROWED',
          detail: `no longer allows ${dropped.map((value) => JSON.stringify(value)).join(', ')}`,
        },
      ]
    : [];
}

function objectChanges(baseline: JsonSchema, current: JsonSchema, path: string): BreakingChange[] {
  const beforeProperties = (baseline['properties'] ?? {}) as Record<string, JsonSchema>;
  const afterProperties = (current['properties'] ?? {}) as Record<string, JsonSchema>;
  const requiredBefore = new Set((baseline['required'] ?? []) as string[]);
  const requiredAfter = new Set((current['required'] ?? []) as string[]);
  const strict = current['additionalProperties'] === false;
  const at = (name: string) => (path === ROOT ? name : `${path}.${name}`);
  const changes: BreakingChange[] = [];

  for (const [name, property] of Object.entries(beforeProperties)) {
    if (!(name in afterProperties)) {
      // FIELD_REMOVED (a rename is a removal plus an addition): a consumer that reads a required field gets
      // `undefined`. An optional field removed from a strict payload breaks too: messages already written
      // with it are refused as an unknown field.
      if (requiredBefore.has(name) || strict) {
        changes.push({
          path: at(name),
          rule: 'FIELD_REMOVED',
          detail: requiredBefore.has(name)
            ? 'a required field was removed or renamed'
            : 'an optional field was removed from a strict payload',
        });
      }
      continue;
    }
    changes.push(...findBreakingChanges(property, afterProperties[name], at(name)));
  }
  // MADE_REQUIRED: messages already written without the field, and producers that do not send it yet, are
  // refused. The same holds for a field that did not exist and is now required.
  for (const name of requiredAfter) {
    if (!requiredBefore.has(name)) {
      changes.push({
        path: at(name),
        rule: 'MADE_REQUIRED',
        detail: name in beforeProperties ? 'an optional field became required' : 'a new field is required',
      });
    }
  }
  return changes;
}

/** `anyOf` (zod's nullable and unions): compare the members of the same type with each other. */
function unionChanges(baseline: JsonSchema, current: JsonSchema, path: string): BreakingChange[] {
  const before = (baseline['anyOf'] ?? []) as JsonSchema[];
  const after = (current['anyOf'] ?? []) as JsonSchema[];
  return before.flatMap((member) => {
    const match = after.find((candidate) => sameSet(typesOf(candidate), typesOf(member)));
    return match ? findBreakingChanges(member, match, path) : [];
  });
}

/** The JSON types a schema admits (`any` when it says nothing); a union admits its members'. */
function typesOf(schema: JsonSchema): Set<string> {
  const union = (schema['anyOf'] ?? schema['oneOf']) as JsonSchema[] | undefined;
  if (union) return new Set(union.flatMap((member) => [...typesOf(member)]));
  if ('const' in schema)
    return new Set([
      schema['const'] === null
        ? 'null'
        : typeof schema['const'] === 'number'
          ? 'number'
          : typeof schema['const'],
    ]);
  const type = schema['type'];
  if (type === undefined) return new Set(['any']);
  return new Set(Array.isArray(type) ? (type as string[]) : [type as string]);
}

const valuesOf = (schema: JsonSchema): unknown[] | undefined =>
  Array.isArray(schema['enum']) ? schema['enum'] : 'const' in schema ? [schema['const']] : undefined;

const sameSet = (a: Set<string>, b: Set<string>): boolean =>
  a.size === b.size && [...a].every((value) => b.has(value));
