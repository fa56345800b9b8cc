// Jest global setup of the integration and e2e projects: boots Kafka and PostgreSQL once for the whole
// run and hands their addresses to the test workers through the environment (workers are forked after
// this runs, so they inherit it). Under CI=true a failure here fails the run: nothing is skipped.
import { startTestInfrastructure, type TestInfrastructure } from './infrastructure';
import { TEST_ENV } from './test-env';

declare global {
  var waybillTestInfrastructure: TestInfrastructure | undefined;
}

export default async function globalSetup(): Promise<void> {
  if (globalThis.waybillTestInfrastructure) return; // both the integration and e2e projects ask; boot once
  const started = Date.now();
  const infrastructure = await startTestInfrastructure();
  globalThis.waybillTestInfrastructure = infrastructure;
  process.env[TEST_ENV.kafkaBrokers] = infrastructure.kafkaBrokers.join(',');
  process.env[TEST_ENV.adminDatabaseUrl] = infrastructure.adminDatabaseUrl;
  console.log(`\n[test infrastructure] ${infrastructure.describe} ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
