// Jest runs three kinds of tests, told apart by file name so a learner sees the tier at a glance:
//   *.spec.ts      unit tests: pure logic, no infrastructure, milliseconds;
//   *.int-spec.ts  integration tests: the real Kafka broker and PostgreSQL (booted once per run by
//                  libs/testing's global setup, or taken from KAFKA_BROKERS / DATABASE_URL);
//   *.e2e-spec.ts  end-to-end scenarios across the running services (same infrastructure).
const { root, paths, swcOptions } = require('./tools/swc.config.cjs');

const moduleNameMapper = Object.fromEntries(
  Object.entries(paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
);
const common = {
  rootDir: root,
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/tools'],
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swcOptions, swcrc: false }] },
  moduleNameMapper,
};
const withInfrastructure = {
  ...common,
  // Only runs when a test of this project is selected, so `npm run test:unit` never boots anything.
  globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
};

module.exports = {
  // A global option (Jest ignores it per project); unit tests finish in milliseconds either way.
  testTimeout: 60_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['**/*.spec.ts'] },
    { ...withInfrastructure, displayName: 'integration', testMatch: ['**/*.int-spec.ts'] },
    { ...withInfrastructure, displayName: 'e2e', testMatch: ['**/*.e2e-spec.ts'] },
  ],
};
