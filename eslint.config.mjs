// Lint is part of `npm test`. Beyond style, it guards the architecture (see docs/architecture.md):
// Nx's enforce-module-boundaries reads each project's tags (project.json) and fails the build when
//   - a service imports another service (apps talk only through Kafka contracts),
//   - domain code imports a framework, an ORM or a Kafka client (the domain is plain TypeScript),
//   - a library reaches "up" into an app.
// tools/lint/module-boundaries.int-spec.ts proves these rules reject a deliberately wrong import.
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const SERVICES = ['orders', 'inventory', 'routing', 'notifications'];
const FRAMEWORKS = ['@nestjs/*', 'typeorm', 'pg', 'kafkajs', 'nestjs-pino', 'pino', 'prom-client', '@opentelemetry/*', 'express', 'class-validator', 'class-transformer'];

function boundaries({ inTests }) {
  const testing = inTests ? ['type:testing'] : [];
  return {
    allow: [],
    enforceBuildableLibDependency: false,
    depConstraints: [
      // Layers: who may import whom.
      { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:infra', ...testing] },
      { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain'], bannedExternalImports: FRAMEWORKS },
      { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'], bannedExternalImports: FRAMEWORKS },
      { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:contracts', 'type:infra', ...testing] },
      { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:contracts', 'type:infra', 'type:testing'] },
      { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['type:contracts', 'type:infra', 'type:testing'] },
      // Ownership: a service's code sees its own scope and the shared one, never another service's.
      ...SERVICES.map((service) => ({ sourceTag: `scope:${service}`, onlyDependOnLibsWithTags: [`scope:${service}`, 'scope:shared'] })),
      { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
    ],
  };
}

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'dist/**', '.waybill/**', '.nx/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': ['error', boundaries({ inTests: false })],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'apps/*/src/testing/**/*.ts'],
    // Tests may also use the shared test harness (libs/testing); production code never does. A service's
    // src/testing/ holds its tests' own helpers (mothers, a started service), for tests only.
    rules: { '@nx/enforce-module-boundaries': ['error', boundaries({ inTests: true })] },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: { globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
