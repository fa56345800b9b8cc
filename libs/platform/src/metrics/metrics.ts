// Prometheus metrics (prom-client). One registry per service process, labelled with the service name so
// a single Prometheus can scrape all four services without relabelling.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export class ServiceMetrics {
  readonly registry = new Registry();

  readonly httpRequestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly messagesConsumed = new Counter({
    name: 'kafka_messages_consumed_total',
    help: 'Kafka messages taken off a topic, by topic, message type and outcome.',
    labelNames: ['topic', 'type', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly consumerUp = new Gauge({
    name: 'kafka_consumer_up',
    help: '1 while the Kafka consumer is in its group and consuming, 0 otherwise.',
    registers: [this.registry],
  });

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
  }
}
