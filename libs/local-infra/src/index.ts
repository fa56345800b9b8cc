// Local infrastructure for the dev stack (`npm start`) and the integration tests: a real Kafka broker
// and a real PostgreSQL, started as plain processes on this machine; no container engine needed.
export { LocalKafkaBroker, type LocalKafkaBrokerOptions } from './kafka-broker';
export type { ProcessExit } from './processes';
export { findRepoRoot, KAFKA_VERSION } from './kafka-jars';
export { LocalPostgres, provisionServiceDatabase, type LocalPostgresOptions } from './postgres';
export { assertPortFree, findFreePort } from './ports';
export { ensureTopics, type TopicSpec } from './topics';
