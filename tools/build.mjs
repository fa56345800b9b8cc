// Compiles apps/, libs/ and tools/ to dist/ with SWC (about a second for the whole workspace), keeping
// the folder layout so the `@waybill/*` imports SWC rewrites into relative paths still resolve.
// Type checking is tsc's job (`npm run typecheck`); this only emits JavaScript.
import { transformFile } from '@swc/core';
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';

const { root, swcOptions } = createRequire(import.meta.url)('./swc.config.cjs');
const OUT = join(root, 'dist');
const SOURCES = ['apps', 'libs', 'tools'];
const isTest = (file) => /\.(spec|int-spec|e2e-spec)\.ts$/.test(file);

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield path;
  }
}

const started = Date.now();
rmSync(OUT, { recursive: true, force: true });
let count = 0;
await Promise.all(
  SOURCES.flatMap((source) => [...walk(join(root, source))]).map(async (file) => {
    const target = join(OUT, relative(root, file));
    mkdirSync(dirname(target), { recursive: true });
    if (file.endsWith('.ts') && !file.endsWith('.d.ts')) {
      if (isTest(file)) return;
      const jsFile = target.replace(/\.ts$/, '.js');
      const { code, map } = await transformFile(file, { ...swcOptions, filename: file, sourceFileName: relative(dirname(jsFile), file) });
      writeFileSync(jsFile, `${code}\n//# sourceMappingURL=${jsFile.split('/').pop()}.map`);
      if (map) writeFileSync(`${jsFile}.map`, map);
      count++;
    } else if (/\.(json|sql|properties|xml|csv)$/.test(file)) {
      cpSync(file, target); // data files the code reads at run time (e.g. the road network)
    }
  }),
);
console.log(`\x1b[36m[waybill]\x1b[0m built ${count} files into dist/ in ${Date.now() - started} ms`);
