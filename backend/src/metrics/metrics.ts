import { timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ChatEvent } from '@app/shared';
import type { AppError } from '../errors/app-error';

/** Where an error reached a client: a failed socket ack, a REST error response, a stored `error` event. */
export type ErrorSource = 'socket' | 'http' | 'turn';

const LATENCY_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * The service's Prometheus metrics (prom-client), in a registry of their own so several
 * servers in one process (tests) never share counters. Names start with `orchestrator_`;
 * Node's default process metrics come along unprefixed.
 */
export class Metrics {
  readonly registry = new Registry();
  private connectionCount: () => number = () => 0;

  readonly connections = new Gauge({
    name: 'orchestrator_socket_connections',
    help: 'Socket.IO connections open on this node.',
    registers: [this.registry],
    collect: () => {
      this.connections.set(this.connectionCount());
    },
  });

  readonly turns = new Counter({
    name: 'orchestrator_turns_total',
    help: 'Turns (one person message each) finished, by outcome.',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly turnDuration = new Histogram({
    name: 'orchestrator_turn_duration_seconds',
    help: 'Time from a stored person message to the turn\'s last stored event.',
    labelNames: ['outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly stageDuration = new Histogram({
    name: 'orchestrator_stage_duration_seconds',
    help: 'Duration of each thinking step, by pipeline stage and how it ended (0 ms markers are not observed).',
    labelNames: ['stage', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly events = new Counter({
    name: 'orchestrator_chat_events_total',
    help: 'Chat events stored and published by this node, by type.',
    labelNames: ['type'] as const,
    registers: [this.registry],
  });

  readonly errors = new Counter({
    name: 'orchestrator_errors_total',
    help: 'Errors sent to clients, by code and by where (socket ack, HTTP response, stored error event).',
    labelNames: ['code', 'source'] as const,
    registers: [this.registry],
  });

  readonly nluFallbacks = new Counter({
    name: 'orchestrator_nlu_fallbacks_total',
    help: 'Recognitions where the LLM failed and the local recogniser answered instead.',
    registers: [this.registry],
  });

  readonly rateLimited = new Counter({
    name: 'orchestrator_rate_limited_total',
    help: 'Requests refused by a rate limit, by limit.',
    labelNames: ['limit'] as const,
    registers: [this.registry],
  });

  constructor(opts: { defaultMetrics?: boolean } = {}) {
    if (opts.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry });
    // Every series exists from the start, so dashboards and rate() see zeros, not gaps.
    for (const outcome of ['ok', 'failed']) this.turns.inc({ outcome }, 0);
    this.nluFallbacks.inc(0);
  }

  /** Reads the live connection count at scrape time. */
  countConnectionsWith(fn: () => number): void {
    this.connectionCount = fn;
  }

  /** Sees every stored event (wraps the ChatLog publisher): event counts, stage latencies, error events. */
  observeEvent(e: ChatEvent): void {
    this.events.inc({ type: e.type });
    if (e.type === 'thinking' && e.status !== 'started' && typeof e.durationMs === 'number' && e.durationMs > 0) {
      this.stageDuration.observe({ stage: e.stage, status: e.status }, e.durationMs / 1000);
    } else if (e.type === 'error') {
      this.errors.inc({ code: e.code, source: 'turn' });
    }
  }

  /** The Orchestrator's `onTurn` hook. */
  readonly onTurn = (t: { ok: boolean; ms: number }): void => {
    const outcome = t.ok ? 'ok' : 'failed';
    this.turns.inc({ outcome });
    this.turnDuration.observe({ outcome }, t.ms / 1000);
  };

  onError(err: Pick<AppError, 'code'>, source: ErrorSource): void {
    this.errors.inc({ code: err.code, source });
  }

  /**
   * `GET /api/metrics` in the Prometheus text format. Public unless `token` is set; then
   * `Authorization: Bearer <token>` is required (compared in constant time).
   */
  handler(token?: string) {
    const expected = token ? Buffer.from(token) : undefined;
    return async (req: Request, res: Response): Promise<void> => {
      if (expected) {
        const header = req.get('authorization') ?? '';
        const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7).trim() : '');
        if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
          res.status(401).json({ error: { code: 'unauthorized', message: 'A valid metrics token is required.', retryable: false } });
          return;
        }
      }
      res.set('Content-Type', this.registry.contentType);
      res.set('Cache-Control', 'no-store');
      res.send(await this.registry.metrics());
    };
  }
}
