// The notifications service for the integration specs of one file: started before its tests exactly as
// main.ts starts it (same module), on a fresh schema and fresh topics, and stopped after them.
import { startServiceUnderTest, type ServiceUnderTest } from '@waybill/service-testing';
import { NotificationsModule } from '../notifications.module';
import { notificationsService } from '../notifications.service-definition';

/** Call inside a `describe`; the function it returns gives the running service to that describe's tests. */
export function notificationsUnderTest(): () => ServiceUnderTest {
  let service: ServiceUnderTest | undefined;
  beforeAll(async () => {
    service = await startServiceUnderTest(notificationsService, (env) => NotificationsModule.register(env));
  });
  afterAll(async () => {
    await service?.stop();
  });
  return () => {
    if (!service) throw new Error('the notifications service is not running: call notificationsUnderTest() inside a describe');
    return service;
  };
}
