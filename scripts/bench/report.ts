import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { markdownTable, round, type Summary } from './stats';

export interface Machine { cpus: number; cpuModel: string; node: string; platform: string; memGB: number }

export interface BenchResult {
  database: 'postgres' | 'pglite';
  concurrency: number;
  echoRtt?: Summary;
  echoMessagesPerSecond?: number;
  ack?: Summary;
  firstThinking?: Summary;
  turn?: Summary;
  turnCompleted?: Summary;
  eventsPerTurn?: number;
  concurrentTurn?: Summary;
  eventsPerSecond?: number;
  turnsPerSecond?: number;
  storedEvents?: number;
  deliveredEvents?: number;
  history?: Array<{ size: number; replay1000: Summary; replayTail20: Summary; turn: Summary }>;
  idle?: Array<{ server: 'echo' | 'server'; connections: number; heapPerConnKB: number; rssPerConnKB: number; connectMs: number; turn?: Summary }>;
  nlu?: Summary & { source: string; coldMs: number };
  pgFloor?: { selectP50Ms: number; insertP50Ms: number; insert10P50Ms: number };
  loadAverage?: number[];
  serverCpuMsPerTurn?: number;
  postgresCpuMsPerTurn?: number;
  json: Record<string, unknown> & { firstThinkingRatio: number | null; turnP50Ms: number | null; turnP95Ms: number | null; eventThroughputRatio: number | null; heapPerIdleConnKB: number | null; replay1000Ms: number | null; nluP50Ms: number | null };
  machine: Machine;
  startedAt: string;
}

export function machine(): Machine {
  return {
    cpus: os.availableParallelism?.() ?? os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    memGB: round(os.totalmem() / 2 ** 30, 1),
  };
}

const DOC = path.resolve(__dirname, '../../docs/benchmarks.md');

/**
 * Replaces the generated section of docs/benchmarks.md for this database (between
 * `<!-- bench:<db> -->` markers) and leaves every hand-written part alone.
 */
export function writeReport(r: BenchResult): void {
  const start = `<!-- bench:${r.database} -->`;
  const end = `<!-- /bench:${r.database} -->`;
  const body = [start, render(r), end].join('\n');
  let doc = fs.existsSync(DOC) ? fs.readFileSync(DOC, 'utf8') : '# Benchmarks\n\nGenerated sections are rewritten by `npm run bench`.\n';
  const a = doc.indexOf(start);
  const b = doc.indexOf(end);
  doc = a >= 0 && b > a ? doc.slice(0, a) + body + doc.slice(b + end.length) : `${doc.trimEnd()}\n\n${body}\n`;
  fs.writeFileSync(DOC, doc);
}

function render(r: BenchResult): string {
  const j = r.json;
  const m = r.machine;
  const yes = (ok: boolean | null) => (ok === null ? '' : ok ? 'yes' : '**no**');
  const cmp = (v: number | null, op: '<=' | '>=', t: number) => (v === null ? null : op === '<=' ? v <= t : v >= t);
  const lines: string[] = [];
  lines.push(`### Latest run on ${r.database === 'postgres' ? 'PostgreSQL' : 'PGlite'} (generated)`);
  lines.push('');
  lines.push(`${r.startedAt.slice(0, 16).replace('T', ' ')} UTC, ${m.cpus} x ${m.cpuModel}, ${m.memGB} GB, ${m.platform}, node ${m.node}; NLU: ${r.nlu?.source ?? '-'}; ` +
    `load average (1 min) ${r.loadAverage?.join(' at start, ')} at end${r.pgFloor ? `; PostgreSQL floor now: select 1 ${r.pgFloor.selectP50Ms} ms, one durable insert ${r.pgFloor.insertP50Ms} ms, ten rows ${r.pgFloor.insert10P50Ms} ms (p50)` : ''}.`);
  lines.push('');
  lines.push(markdownTable(['metric', 'value', 'target', 'met'], [
    ['firstThinkingRatio', String(j.firstThinkingRatio), '<= 4', yes(cmp(j.firstThinkingRatio, '<=', 4))],
    ['turnP50Ms', String(j.turnP50Ms), '<= 5', yes(cmp(j.turnP50Ms, '<=', 5))],
    ['turnP95Ms', String(j.turnP95Ms), '<= 15', yes(cmp(j.turnP95Ms, '<=', 15))],
    [`turnsPerSecond (${r.concurrency} concurrent)`, String(j.turnsPerSecond), '', ''],
    ['eventThroughputRatio', String(j.eventThroughputRatio), '>= 0.3', yes(cmp(j.eventThroughputRatio, '>=', 0.3))],
    ['heapPerIdleConnKB', String(j.heapPerIdleConnKB), '<= 15', yes(cmp(j.heapPerIdleConnKB, '<=', 15))],
    ['replay1000Ms', String(j.replay1000Ms), '<= 30', yes(cmp(j.replay1000Ms, '<=', 30))],
    ['nluP50Ms', String(j.nluP50Ms), '<= 1', yes(cmp(j.nluP50Ms, '<=', 1))],
  ]));
  lines.push('');
  const lat: Array<[string, Summary | undefined]> = [
    ['echo round trip', r.echoRtt],
    ['message:send acknowledged', r.ack],
    ['first thinking event', r.firstThinking],
    ['turn to final response', r.turn],
    ['turn to session completed', r.turnCompleted],
    [`turn, ${r.concurrency} concurrent people`, r.concurrentTurn],
    ...(r.history ?? []).flatMap((h) => [
      [`replay 1,000 of a ${h.size}-event chat`, h.replay1000],
      [`replay the last 20 of a ${h.size}-event chat`, h.replayTail20],
      [`turn in a ${h.size}-event chat`, h.turn],
    ] as Array<[string, Summary]>),
    ...(r.idle ?? []).filter((i) => i.turn).map((i) => [`turn with ${i.connections} idle connections open`, i.turn] as [string, Summary]),
    ['NLU recognise', r.nlu],
  ];
  lines.push(markdownTable(['latency (ms)', 'n', 'p50', 'p95', 'p99', 'max'], lat.filter(([, s]) => s).map(([n, s]) => [n, s!.n, s!.p50, s!.p95, s!.p99, s!.max])));
  lines.push('');
  if (r.eventsPerSecond !== undefined) {
    lines.push(`Throughput, ${r.concurrency} people each sending create_alarm turns in a closed loop: ${round(r.eventsPerSecond)} events/s stored and delivered ` +
      `(${round(r.turnsPerSecond ?? 0)} turns/s, ${round(r.eventsPerTurn ?? 0)} events per turn); the echo server at the same concurrency: ${round(r.echoMessagesPerSecond ?? 0)} messages/s. ` +
      `Events stored ${r.storedEvents}, delivered ${r.deliveredEvents}. CPU per turn: the server process ${round(r.serverCpuMsPerTurn ?? NaN)} ms` +
      `${r.postgresCpuMsPerTurn !== undefined ? `, the PostgreSQL backends ${round(r.postgresCpuMsPerTurn)} ms` : ''}.`);
    lines.push('');
  }
  if (r.idle?.length) {
    lines.push(markdownTable(['idle connections', 'server', 'heap KB/conn', 'rss KB/conn', 'connect all (ms)'], r.idle.map((i) => [String(i.connections), i.server, i.heapPerConnKB, i.rssPerConnKB, i.connectMs])));
    lines.push('');
  }
  lines.push('```json');
  lines.push(JSON.stringify(j));
  lines.push('```');
  return lines.join('\n');
}
