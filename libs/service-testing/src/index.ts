// Starting a whole service in a test. Kept apart from libs/testing (infrastructure only) so that the
// libraries a service is built from (platform, outbox, inbox…) can use libs/testing in their own tests
// without a dependency cycle.
export { startServiceUnderTest, type ServiceUnderTest } from './service-under-test';
export { commandSentFor, DELIVERY_TRANSACTION, type MessageDelivery } from './message-delivery';
