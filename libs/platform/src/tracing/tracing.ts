// Distributed tracing with OpenTelemetry, so one order's trace spans every service it touches
// (docs/architecture.md, "Tracing"). The W3C `traceparent` travels in the HTTP header, in the message
// envelope and in the Kafka message headers; each hop starts a span whose parent is the previous hop.
// Spans are exported only when OTEL_EXPORTER_OTLP_ENDPOINT points at a collector (Jaeger, Tempo…);
// without one they are still created, so the trace context still propagates.
import { context, propagation, ROOT_CONTEXT, trace, type Context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';

let provider: TracerProvider | undefined;

/** Once per process (a test may start several services in one process; the first one names it). */
export function startTracing(service: string): void {
  if (provider) return;
  provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': service }),
    spanProcessors: process.env.OTEL_EXPORTER_OTLP_ENDPOINT ? [new BatchSpanProcessor({ exporter: new OTLPTraceExporter() })] : [],
  });
  trace.setGlobalTracerProvider(provider);
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
}

export const tracer = () => trace.getTracer('waybill');

/** The context a `traceparent` (from a header or an envelope) describes; the root context if none. */
export function contextOf(traceparent: string | undefined): Context {
  return traceparent ? propagation.extract(ROOT_CONTEXT, { traceparent }) : ROOT_CONTEXT;
}
