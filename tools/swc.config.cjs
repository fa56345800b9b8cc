// One SWC configuration for the build (tools/build.mjs) and for Jest (jest.config.js), so tests run the
// code exactly as it ships. NestJS needs legacy decorators *with* emitted type metadata: dependency
// injection reads constructor parameter types at run time.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const { compilerOptions } = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8'));

/** The `@waybill/*` path aliases of tsconfig.base.json, the single source of truth for them. */
const paths = compilerOptions.paths;

const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2023',
    keepClassNames: true,
    baseUrl: root,
    paths,
  },
  module: { type: 'commonjs' },
  sourceMaps: true,
};

module.exports = { root, paths, swcOptions };
