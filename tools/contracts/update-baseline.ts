// `npm run contracts:baseline`: records today's message contracts in libs/contracts/contract-baseline.json,
// the reference of the breaking-change gate (libs/contracts/src/compatibility/). It refuses to record a
// breaking change: change the message as a new version (`type.vN+1`) instead, or, for a message removed on
// purpose, list its name in the file's `retired` array first. `-- --accept-breaking` overrides, for a
// change you have decided to break (say why in the commit).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BASELINE_FILE,
  compareWithBaseline,
  describeBreakingChange,
  nextBaseline,
  serializeBaseline,
  type ContractBaseline,
} from '@waybill/contracts';
import { writeFormatted } from './write-formatted';

// npm runs scripts from the repository root.
const file = join(process.cwd(), BASELINE_FILE);
const previous = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ContractBaseline) : undefined;
const breaking = previous ? compareWithBaseline(previous) : [];

if (breaking.length > 0 && !process.argv.includes('--accept-breaking')) {
  console.error(`refusing to record ${breaking.length} breaking change(s):`);
  for (const change of breaking) console.error(`  ${describeBreakingChange(change)}`);
  console.error(
    'make it a new version of the message, or retire the removed name; --accept-breaking overrides',
  );
  process.exit(1);
}
writeFormatted(BASELINE_FILE, serializeBaseline(nextBaseline(previous))).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
