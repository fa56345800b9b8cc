export { freshSchema, freshTopics, type FreshSchema, type FreshTopics } from './fresh-resources';
export { startTestInfrastructure, type TestInfrastructure } from './infrastructure';
export { eventually, startServiceUnderTest, type ServiceUnderTest } from './service-under-test';
export { testInfrastructureFromEnv } from './test-env';
