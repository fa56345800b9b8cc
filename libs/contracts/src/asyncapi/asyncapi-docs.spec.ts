// The committed docs/asyncapi.json and docs/asyncapi.md must be what the contracts generate today: a
// contract changed without `npm run contracts:docs` fails here, so the published docs cannot go stale.
// The generator writes them formatted by Prettier (so `npm run format` leaves them alone); so does this,
// through Prettier's command line, since its API loads plugins by dynamic import, which Jest refuses.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ASYNCAPI_FILES } from './asyncapi-document';
import { generatedAsyncApiFiles } from './asyncapi-files';

const ROOT = join(__dirname, '..', '..', '..', '..');
const HOW_TO_FIX = 'stale: run `npm run contracts:docs` and commit the result';

const PRETTIER = join(ROOT, 'node_modules', 'prettier', 'bin', 'prettier.cjs');
const formatted = (file: string, contents: string): string =>
  execFileSync(process.execPath, [PRETTIER, '--stdin-filepath', join(ROOT, file)], {
    input: contents,
    encoding: 'utf8',
  });

describe('the committed AsyncAPI docs', () => {
  const generated = generatedAsyncApiFiles();
  const committed = (file: string): string => readFileSync(join(ROOT, file), 'utf8');

  it.each(Object.values(ASYNCAPI_FILES))(
    `%s is what the contracts generate (else ${HOW_TO_FIX})`,
    async (file) => {
      expect(committed(file)).toBe(await formatted(file, generated[file]));
    },
  );

  it('say they are generated and how to regenerate them', () => {
    expect(committed(ASYNCAPI_FILES.markdown)).toContain('do not edit; npm run contracts:docs');
    expect(JSON.parse(committed(ASYNCAPI_FILES.json)).info.description).toContain(
      'do not edit; npm run contracts:docs',
    );
  });
});
