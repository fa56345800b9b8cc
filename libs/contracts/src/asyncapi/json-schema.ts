// The JSON Schema of a message, derived from its zod schema (zod 4's `z.toJSONSchema`), never written by
// hand: the AsyncAPI document, docs/asyncapi.md and the breaking-change baseline all start here, so they
// describe exactly what `validateMessage` accepts. See docs/asyncapi.md and docs/patterns/contracts.md.
import { z } from 'zod';

/** A JSON Schema as plain data: what `z.toJSONSchema` returns and `contract-baseline.json` stores. */
export type JsonSchema = { [keyword: string]: unknown };

export type JsonSchemaTarget = 'draft-7' | 'draft-2020-12';

/**
 * The schema of what a consumer accepts (`io: 'input'`): the wire format. Without the `$schema` keyword,
 * so it can be embedded in a larger document (AsyncAPI 3.0's default schema format is a superset of
 * draft 7, hence that target there).
 */
export function jsonSchemaOf(schema: z.ZodType, target: JsonSchemaTarget = 'draft-2020-12'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target, io: 'input' }) as JsonSchema;
  return rest;
}

/**
 * A value that satisfies `schema`, built from the schema alone (the first enum value, the smallest
 * allowed length, a fixed uuid…), so an example in the docs can never drift from its contract. The
 * AsyncAPI builder still runs it through the message's own `create`, which throws if it were invalid.
 */
export function exampleOf(schema: JsonSchema, key = 'value'): unknown {
  if ('const' in schema) return schema['const'];
  if (Array.isArray(schema['enum'])) return schema['enum'][0];
  const union = (schema['anyOf'] ?? schema['oneOf']) as JsonSchema[] | undefined;
  if (union) return exampleOf(union.find((option) => option['type'] !== 'null') ?? union[0], key);
  switch (schema['type']) {
    case 'object': {
      const properties = (schema['properties'] ?? {}) as Record<string, JsonSchema>;
      return Object.fromEntries(
        Object.entries(properties).map(([name, property]) => [name, exampleOf(property, name)]),
      );
    }
    case 'array':
      return Array.from({ length: Math.max(1, Number(schema['minItems'] ?? 1)) }, () =>
        exampleOf((schema['items'] ?? {}) as JsonSchema, key),
      );
    case 'integer':
    case 'number':
      return exampleNumber(schema);
    case 'boolean':
      return true;
    case 'string':
      return exampleString(schema, key);
    default:
      return null;
  }
}

const EXAMPLE_UUID = '5f0c1d7e-4f2b-4a59-9a51-0d1f2c3b4a5e';
const EXAMPLE_TIME = '2026-11-22T10:00:00.000Z';

function exampleNumber(schema: JsonSchema): number {
  const minimum = typeof schema['minimum'] === 'number' && schema['minimum'] > 0 ? schema['minimum'] : 0;
  const exclusive = typeof schema['exclusiveMinimum'] === 'number' ? schema['exclusiveMinimum'] + 1 : 0;
  return Math.max(1, minimum, exclusive);
}

function exampleString(schema: JsonSchema, key: string): string {
  if (schema['format'] === 'uuid') return EXAMPLE_UUID;
  if (schema['format'] === 'date-time') return EXAMPLE_TIME;
  const minLength = Number(schema['minLength'] ?? 0);
  const maxLength = Number(schema['maxLength'] ?? Infinity);
  // The property's name reads better in an example than "string": `"sku": "sku"`.
  return key.padEnd(minLength, '-').slice(0, maxLength);
}
