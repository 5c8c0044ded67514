// Prometheus metrics (prom-client) on one registry: requests per channel and intent with latency,
// LLM tokens and latency, nudge counters, Redis errors. Exposed on GET /metrics.
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export const registry = new Registry();
collectDefaultMetrics({ register: registry });

export const requestCounter = new Counter({
  name: 'lingyan_requests_total',
  help: 'Messages answered, by channel, intent and outcome',
  labelNames: ['channel', 'intent', 'outcome'] as const,
  registers: [registry],
});

export const requestLatency = new Histogram({
  name: 'lingyan_request_duration_seconds',
  help: 'Time to compose a reply, by channel and intent',
  labelNames: ['channel', 'intent'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

export const llmTokens = new Counter({
  name: 'lingyan_llm_tokens_total',
  help: 'LLM tokens used, by kind (prompt, completion)',
  labelNames: ['kind'] as const,
  registers: [registry],
});

export const llmLatency = new Histogram({
  name: 'lingyan_llm_duration_seconds',
  help: 'LLM call latency, by outcome',
  labelNames: ['outcome'] as const,
  buckets: [0.25, 0.5, 1, 2, 4, 8, 16, 32],
  registers: [registry],
});

export const nudgeCounter = new Counter({
  name: 'lingyan_nudges_total',
  help: 'Nudges by event: scheduled, sent, skipped, failed, retried',
  labelNames: ['event', 'kind', 'channel'] as const,
  registers: [registry],
});

export const commandsShed = new Counter({
  name: 'lingyan_commands_shed_total',
  help: 'Commands turned away with a "busy, try again" notice because the answer queue was full or late',
  labelNames: ['channel'] as const,
  registers: [registry],
});

export const redisErrors = new Counter({
  name: 'lingyan_redis_errors_total',
  help: 'Redis commands that failed',
  registers: [registry],
});

/** Engine hook: records one reply. */
export function recordReply(info: { channel: string; intent: string; ms: number; error?: string }): void {
  requestCounter.inc({ channel: info.channel, intent: info.intent, outcome: info.error ?? 'ok' });
  requestLatency.observe({ channel: info.channel, intent: info.intent }, info.ms / 1000);
}
