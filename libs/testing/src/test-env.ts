/** The variables through which global setup tells test workers where the infrastructure is. */
export const TEST_ENV = {
  kafkaBrokers: 'WAYBILL_TEST_KAFKA_BROKERS',
  adminDatabaseUrl: 'WAYBILL_TEST_DATABASE_URL',
} as const;

/**
 * Reads what global setup provided. Throws rather than letting a test skip itself: an integration test
 * that silently does nothing when infrastructure is missing would pass for the wrong reason.
 */
export function testInfrastructureFromEnv(): { kafkaBrokers: string[]; adminDatabaseUrl: string } {
  const brokers = process.env[TEST_ENV.kafkaBrokers];
  const adminDatabaseUrl = process.env[TEST_ENV.adminDatabaseUrl];
  if (!brokers || !adminDatabaseUrl) {
    throw new Error(
      'No test infrastructure: this is an integration test and must run through the Jest projects that boot Kafka and ' +
        'PostgreSQL (`npm test`, `npm run test:integration`), not on its own.',
    );
  }
  return { kafkaBrokers: brokers.split(','), adminDatabaseUrl };
}
