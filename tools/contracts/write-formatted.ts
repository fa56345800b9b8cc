// Generated files are written as Prettier would format them, so `npm run format` never changes them (and
// never makes libs/contracts/src/asyncapi/asyncapi-docs.spec.ts report them stale).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';

/** Writes `contents` to `file` (relative to the repository root, where npm runs scripts), formatted. */
export async function writeFormatted(file: string, contents: string): Promise<void> {
  const path = join(process.cwd(), file);
  const options = await resolveConfig(path);
  writeFileSync(path, await format(contents, { ...options, filepath: path }));
  console.log(`wrote ${file}`);
}
