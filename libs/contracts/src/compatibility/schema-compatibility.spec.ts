import type { JsonSchema } from '../asyncapi/json-schema';
import { findBreakingChanges } from './schema-compatibility';

// Small hand-made payload schemas, shaped like zod's `z.toJSONSchema` output for a strict object.
const strictObject = (properties: Record<string, JsonSchema>, required: string[]): JsonSchema => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});
const uuid: JsonSchema = { type: 'string', format: 'uuid' };
const text: JsonSchema = { type: 'string' };
const reasons = (...values: string[]): JsonSchema => ({ type: 'string', enum: values });

const baseline = strictObject({ orderId: uuid, reason: reasons('OUT_OF_STOCK', 'NO_ROUTE'), note: text }, [
  'orderId',
  'reason',
]);
const rules = (current: JsonSchema, before: JsonSchema = baseline) =>
  findBreakingChanges(before, current).map(({ path, rule }) => `${path}: ${rule}`);

describe('findBreakingChanges', () => {
  it('finds nothing when the schema did not change', () => {
    expect(rules(baseline)).toEqual([]);
  });

  describe('allows what no consumer or stored message can notice', () => {
    it('a new optional field', () => {
      expect(
        rules(strictObject({ ...(baseline['properties'] as object), carrier: text }, ['orderId', 'reason'])),
      ).toEqual([]);
    });

    it('a widened enum', () => {
      expect(
        rules(
          strictObject(
            { orderId: uuid, reason: reasons('OUT_OF_STOCK', 'NO_ROUTE', 'TIMEOUT'), note: text },
            ['orderId', 'reason'],
          ),
        ),
      ).toEqual([]);
    });

    it('a required field made optional', () => {
      expect(
        rules(
          strictObject({ orderId: uuid, reason: reasons('OUT_OF_STOCK', 'NO_ROUTE'), note: text }, [
            'orderId',
          ]),
        ),
      ).toEqual([]);
    });
  });

  describe('refuses', () => {
    it('a required field removed', () => {
      expect(rules(strictObject({ orderId: uuid, note: text }, ['orderId']))).toEqual([
        'reason: FIELD_REMOVED',
      ]);
    });

    it('a required field renamed (a removal plus a new required field)', () => {
      expect(
        rules(
          strictObject({ id: uuid, reason: reasons('OUT_OF_STOCK', 'NO_ROUTE'), note: text }, [
            'id',
            'reason',
          ]),
        ),
      ).toEqual(['orderId: FIELD_REMOVED', 'id: MADE_REQUIRED']);
    });

    it('an optional field removed from a strict payload (stored messages still carry it)', () => {
      expect(
        rules(
          strictObject({ orderId: uuid, reason: reasons('OUT_OF_STOCK', 'NO_ROUTE') }, ['orderId', 'reason']),
        ),
      ).toEqual(['note: FIELD_REMOVED']);
    });

    it("a field's type changed", () => {
      expect(
        rules(
          strictObject(
            { orderId: { type: 'integer' }, reason: reasons('OUT_OF_STOCK', 'NO_ROUTE'), note: text },
            ['orderId', 'reason'],
          ),
        ),
      ).toEqual(['orderId: TYPE_CHANGED']);
    });

    it("a field's format changed (any string to uuid)", () => {
      expect(
        rules(
          strictObject({ orderId: uuid, reason: reasons('OUT_OF_STOCK', 'NO_ROUTE'), note: uuid }, [
            'orderId',
            'reason',
          ]),
        ),
      ).toEqual(['note: TYPE_CHANGED']);
    });

    it('a field no longer nullable', () => {
      const nullable = strictObject({ causationId: { anyOf: [text, { type: 'null' }] } }, ['causationId']);

      expect(rules(strictObject({ causationId: text }, ['causationId']), nullable)).toEqual([
        'causationId: TYPE_CHANGED',
      ]);
    });

    it('an enum narrowed', () => {
      expect(
        rules(
          strictObject({ orderId: uuid, reason: reasons('OUT_OF_STOCK'), note: text }, ['orderId', 'reason']),
        ),
      ).toEqual(['reason: ENUM_NARROWED']);
    });

    it('an optional field made required', () => {
      expect(
        rules(
          strictObject({ orderId: uuid, reason: reasons('OUT_OF_STOCK', 'NO_ROUTE'), note: text }, [
            'orderId',
            'reason',
            'note',
          ]),
        ),
      ).toEqual(['note: MADE_REQUIRED']);
    });

    it('a new required field', () => {
      expect(
        rules(
          strictObject({ ...(baseline['properties'] as object), carrier: text }, [
            'orderId',
            'reason',
            'carrier',
          ]),
        ),
      ).toEqual(['carrier: MADE_REQUIRED']);
    });

    it('the same changes inside a list of objects, with the path to them', () => {
      const lines = (item: JsonSchema): JsonSchema =>
        strictObject({ missing: { type: 'array', minItems: 1, items: item } }, ['missing']);
      const before = lines(strictObject({ sku: text, requested: { type: 'integer' } }, ['sku', 'requested']));

      expect(
        rules(
          lines(strictObject({ sku: text, requested: { type: 'string' } }, ['sku', 'requested'])),
          before,
        ),
      ).toEqual(['missing[].requested: TYPE_CHANGED']);
      expect(rules(lines(strictObject({ requested: { type: 'integer' } }, ['requested'])), before)).toEqual([
        'missing[].sku: FIELD_REMOVED',
      ]);
    });
  });
});
