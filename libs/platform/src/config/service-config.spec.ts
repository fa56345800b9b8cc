import { InvalidConfigurationError, loadServiceConfig } from './service-config';

const validEnv = { DATABASE_URL: 'postgres://orders:orders@127.0.0.1:5432/waybill_orders', KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.1:9093' };

describe('loadServiceConfig', () => {
  it('parses a valid environment and applies defaults', () => {
    const config = loadServiceConfig('orders', 3000, validEnv);

    expect(config).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', TOPIC_PREFIX: '', LOG_LEVEL: 'info' });
    expect(config.KAFKA_BROKERS).toEqual(['127.0.0.1:9092', '127.0.0.1:9093']);
  });

  it('names a missing variable', () => {
    const load = () => loadServiceConfig('orders', 3000, { KAFKA_BROKERS: '127.0.0.1:9092' });

    expect(load).toThrow(InvalidConfigurationError);
    expect(load).toThrow(/DATABASE_URL is missing/);
  });

  it('names every malformed variable at once', () => {
    const load = () => loadServiceConfig('orders', 3000, { DATABASE_URL: 'mysql://x', KAFKA_BROKERS: 'nohostport', PORT: '99999' });

    expect(load).toThrow(/DATABASE_URL: must be a postgres:\/\/ connection URL/);
    expect(load).toThrow(/KAFKA_BROKERS.*host:port/);
    expect(load).toThrow(/PORT:/);
  });
});
