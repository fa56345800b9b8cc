// The breaking-change gate itself: the contracts as they are now against libs/contracts/contract-baseline.json.
// When it fails, do not regenerate the baseline to make it pass: publish the change as a new version of
// the message instead (docs/patterns/contracts.md, "Changing a message safely").
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { jsonSchemaOf } from '../asyncapi/json-schema';
import {
  BASELINE_FILE,
  compareWithBaseline,
  currentContracts,
  describeBreakingChange,
  nextBaseline,
  type ContractBaseline,
} from './contract-baseline';

const ROOT = join(__dirname, '..', '..', '..', '..');
const committed = JSON.parse(readFileSync(join(ROOT, BASELINE_FILE), 'utf8')) as ContractBaseline;

describe('the contracts against the committed baseline', () => {
  it('break no existing message (make a breaking change a new version; npm run contracts:baseline records the rest)', () => {
    expect(compareWithBaseline(committed).map(describeBreakingChange)).toEqual([]);
  });

  it('are all recorded in the baseline (npm run contracts:baseline after adding a message)', () => {
    expect(Object.keys(committed.messages)).toEqual(expect.arrayContaining(Object.keys(currentContracts())));
  });
});

describe('compareWithBaseline', () => {
  const current = currentContracts();
  const baseline = nextBaseline();

  it('passes a new message', () => {
    const { ['inventory.stock-unavailable.v1']: _new, ...older } = baseline.messages;

    expect(compareWithBaseline({ ...baseline, messages: older }, current)).toEqual([]);
  });

  it('fails a removed message, unless it is listed as retired', () => {
    const { ['inventory.stock-unavailable.v1']: _removed, ...remaining } = current;

    expect(compareWithBaseline(baseline, remaining).map((change) => change.rule)).toEqual([
      'MESSAGE_REMOVED',
    ]);
    expect(
      compareWithBaseline({ ...baseline, retired: ['inventory.stock-unavailable.v1'] }, remaining),
    ).toEqual([]);
  });

  it('keeps a removed message in the next baseline, so its removal stays visible', () => {
    const previous: ContractBaseline = {
      ...baseline,
      messages: {
        ...baseline.messages,
        'inventory.stock-short.v1': baseline.messages['inventory.stock-unavailable.v1'],
      },
    };

    expect(Object.keys(nextBaseline(previous).messages)).toContain('inventory.stock-short.v1');
  });

  it('fails a message moved to another topic', () => {
    const moved = {
      ...current,
      'inventory.stock-unavailable.v1': {
        ...current['inventory.stock-unavailable.v1'],
        topic: 'orders.events',
      },
    };

    expect(compareWithBaseline(baseline, moved).map((change) => change.rule)).toEqual(['TOPIC_CHANGED']);
  });

  it('fails a real contract changed in place (stock-unavailable renaming `missing` to `shortages`)', () => {
    const renamed = z
      .object({ orderId: z.uuid(), shortages: z.array(z.object({ sku: z.string() }).strict()).min(1) })
      .strict();
    const changed = {
      ...current,
      'inventory.stock-unavailable.v1': {
        ...current['inventory.stock-unavailable.v1'],
        payload: jsonSchemaOf(renamed),
      },
    };

    expect(compareWithBaseline(baseline, changed).map(describeBreakingChange)).toEqual([
      'inventory.stock-unavailable.v1 missing: FIELD_REMOVED, a required field was removed or renamed',
      'inventory.stock-unavailable.v1 shortages: MADE_REQUIRED, a new field is required',
    ]);
  });
});
