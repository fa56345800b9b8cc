// The platform every service shares (libs/platform), proven through a real service on the real Kafka
// broker and PostgreSQL: migrations, /health, /metrics, correlation ids, and the consumer supervisor.
import request from 'supertest';
import type { Consumer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { startServiceUnderTest, type ServiceUnderTest } from '@waybill/service-testing';
import { eventually } from '@waybill/testing';
import { OrdersModule } from './orders.module';
import { ordersService } from './orders.service-definition';

describe('orders service on the shared platform', () => {
  let service: ServiceUnderTest;

  beforeAll(async () => {
    service = await startServiceUnderTest(ordersService, (env) => OrdersModule.register(env));
  });
  afterAll(() => service?.stop());

  const healthy = () =>
    eventually(async () => {
      const response = await request(service.url).get('/health');
      expect(response.status).toBe(200);
      return response;
    });

  it('is healthy once its database answers and its consumer has joined its group', async () => {
    const response = await healthy();

    expect(response.body.info.database.status).toBe('up');
    expect(response.body.info.kafka).toMatchObject({ status: 'up', consumer: { state: 'consuming' } });
  });

  it('ran its migrations in its own schema', async () => {
    const tables = await service.app.get(DataSource).query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1`,
      [service.schema.schema],
    );

    expect(tables.map((row: { table_name: string }) => row.table_name)).toEqual(expect.arrayContaining(['orders', 'migrations']));
  });

  it('echoes the caller’s correlation id, and mints one when there is none', async () => {
    const given = await request(service.url).get('/health').set('x-correlation-id', 'corr-123');
    const minted = await request(service.url).get('/health');

    expect(given.headers['x-correlation-id']).toBe('corr-123');
    expect(minted.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses an oversized body with 413, and a malformed one with 400, both as JSON errors', async () => {
    const oversized = await request(service.url).post('/health').set('content-type', 'application/json').send(`{"x":"${'a'.repeat(70_000)}"}`);
    const malformed = await request(service.url).post('/health').set('content-type', 'application/json').send('{"x": ');

    expect(oversized.status).toBe(413);
    expect(oversized.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
  });

  it('serves Prometheus metrics labelled with the service', async () => {
    await request(service.url).get('/health');
    const response = await request(service.url).get('/metrics');

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    expect(response.text).toMatch(/http_request_duration_seconds_count\{[^}]*route="\/health"[^}]*\} \d+/);
    expect(response.text).toMatch(/kafka_consumer_up\{service="orders"\} 1/);
  });

  it('turns /health red when its consumer dies, then restarts the consumer and turns green again', async () => {
    await healthy();

    await service.kafka.unwrap<Consumer>().disconnect(); // the process and its HTTP side live on

    const red = await eventually(async () => {
      const response = await request(service.url).get('/health');
      expect(response.status).toBe(503);
      return response;
    });
    expect(red.body.error.kafka.consumer.state).toBe('down');
    const green = await healthy();
    expect(green.body.info.kafka.consumer.state).toBe('consuming');
  });
});
