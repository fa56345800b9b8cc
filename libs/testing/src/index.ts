export { freshDatabase, freshSchema, freshTopics, type FreshDatabase, type FreshSchema, type FreshTopics } from './fresh-resources';
export { startTestInfrastructure, type TestInfrastructure } from './infrastructure';
export { eventually } from './eventually';
export { testInfrastructureFromEnv } from './test-env';
export { readTopic, readTopicToEnd, type ReadMessage } from './topic-reader';
export { startTcpProxy, type TcpProxy } from './tcp-proxy';
// Pact helpers: import from '@waybill/testing/pact', so tests that do not need Pact's native core never load it.
