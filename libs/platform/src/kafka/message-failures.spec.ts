import { isInfrastructureFailure } from './message-failures';

describe('isInfrastructureFailure', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['an administrator shutdown', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['a lost connection', new Error('Connection terminated unexpectedly')],
    ['one wrapped by TypeORM', Object.assign(new Error('query failed'), { driverError: { code: '08006', message: 'connection failure' } })],
  ])('recognises %s', (_, error) => {
    expect(isInfrastructureFailure(error)).toBe(true);
  });

  it.each([
    ['a bug', new TypeError('cannot read properties of undefined')],
    ['a constraint violation', Object.assign(new Error('violates check constraint'), { code: '23514' })],
    ['a serialization failure', Object.assign(new Error('could not serialize access'), { code: '40001' })],
  ])('does not mistake %s for an outage', (_, error) => {
    expect(isInfrastructureFailure(error)).toBe(false);
  });
});
