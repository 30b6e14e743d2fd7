/**
 * `npm run bench`: the real server and a bare Socket.IO echo server, started in the same run,
 * driven with bounded load from a separate load-generator process. Prints a table and, as
 * its last line, one JSON object. Writes the figures into docs/benchmarks.md.
 *
 *   npm run bench                      PGlite (or PostgreSQL when DATABASE_URL is set)
 *   npm run bench -- --cpu-prof        also writes a V8 CPU profile of the server child
 *   npm run bench -- --no-write        leaves docs/benchmarks.md alone
 *   npm run bench -- --phases=turns    only some phases: echo,turns,throughput,history,idle,nlu
 *
 * With DATABASE_URL the run creates its own scratch database on that server and drops it
 * afterwards (falling back to DATABASE_URL itself when it may not create databases).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { benchFile, Child } from './ipc';
import { round, summarize, table, type Summary } from './stats';
import { measureNlu } from './nlu';
import { machine, writeReport, type BenchResult } from './report';

const args = new Set(process.argv.slice(2));
const flag = (name: string) => args.has(`--${name}`);
const option = (name: string) => [...args].find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const PHASES = new Set((option('phases') ?? 'echo,turns,throughput,history,idle,nlu').split(','));
const RUN_LIMIT_MS = 175_000;
const CONCURRENCY = 16;
const IDLE_SIZES = [1_000, 5_000];
const HISTORY_SIZES = [1_000, 10_000];

const say = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const p50 = (v: number[]) => summarize(v).p50;

interface HeapInfo { heapUsed: number; rss: number; connections: number }

async function scratchDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `bench_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } catch (err) {
    await admin.end();
    say(`could not create a scratch database (${(err as Error).message}); using DATABASE_URL as is`);
    return { url: adminUrl, drop: async () => undefined };
  }
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const loadBefore = os.loadavg()[0];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  const logFile = path.join(tmp, 'children.log');
  const profDir = path.join(tmp, 'cpu-profiles');
  const adminUrl = process.env.DATABASE_URL;
  const scratch = adminUrl ? await scratchDatabase(adminUrl) : undefined;
  const children: Child[] = [];

  const watchdog = setTimeout(() => {
    say(`the run exceeded ${RUN_LIMIT_MS / 1000} s; stopping`);
    children.forEach((c) => c.kill());
    void (scratch?.drop() ?? Promise.resolve()).finally(() => process.exit(1));
  }, RUN_LIMIT_MS);

  try {
    const serverEnv: NodeJS.ProcessEnv = {
      PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn', DEFAULT_TIME_ZONE: 'UTC',
      DATA_DIR: path.join(tmp, 'data'), AUTH_SECRET: crypto.randomBytes(24).toString('hex'),
      EVENTS_PER_SECOND: '1000000', MESSAGES_PER_MINUTE: '100000000',
      DATABASE_URL: scratch?.url ?? '', OPENAI_API_KEY: '', OPENAI_BASE_URL: '',
    };
    const app = new Child('server', benchFile('server-child.ts'), {
      env: serverEnv, logFile,
      execArgv: ['--expose-gc', ...(flag('cpu-prof') ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [])],
    });
    const echo = new Child('echo', benchFile('echo-child.ts'), { logFile, execArgv: ['--expose-gc'] });
    const load = new Child('load', benchFile('load-child.ts'), { logFile });
    children.push(app, echo, load);
    const [appInfo, echoInfo] = await Promise.all([
      app.waitFor<{ url: string; kind: string }>('ready', 60_000),
      echo.waitFor<{ url: string }>('ready', 30_000),
    ]);
    say(`server ${appInfo.url} (${appInfo.kind}), echo ${echoInfo.url}; child logs in ${logFile}`);
    const appUrl = appInfo.url;
    const echoUrl = echoInfo.url;
    const r: Partial<BenchResult> = { database: appInfo.kind as BenchResult['database'], concurrency: CONCURRENCY };

    if (scratch) {
      say('postgres: the floor (select 1, one durable insert)');
      r.pgFloor = await probePostgres(scratch.url);
    }
    if (PHASES.has('echo') || PHASES.has('turns')) {
      say('echo: round trip');
      const { lat } = await load.call<{ lat: number[] }>('rtt', { url: echoUrl, n: 2_000, warmup: 300 });
      r.echoRtt = summarize(lat);
    }
    if (PHASES.has('echo') || PHASES.has('throughput')) {
      say(`echo: ${CONCURRENCY} clients in a closed loop`);
      const e = await load.call<{ messagesPerSecond: number }>('echoThroughput', { url: echoUrl, clients: CONCURRENCY, warmupMs: 1_000, durationMs: 4_000 });
      r.echoMessagesPerSecond = e.messagesPerSecond;
    }
    if (PHASES.has('turns')) {
      say('server: sequential create_alarm turns');
      const t = await load.call<{ ack: number[]; firstThinking: number[]; finalResponse: number[]; completed: number[]; eventsPerTurn: number }>(
        'turns', { url: appUrl, n: 400, warmup: 40, turnsPerChat: 20, maxMs: 25_000 }, 60_000);
      r.ack = summarize(t.ack);
      r.firstThinking = summarize(t.firstThinking);
      r.turn = summarize(t.finalResponse);
      r.turnCompleted = summarize(t.completed);
      r.eventsPerTurn = t.eventsPerTurn;
    }
    if (PHASES.has('throughput')) {
      say(`server: ${CONCURRENCY} people sending turns in a closed loop`);
      const cpuBefore = await app.call<{ ms: number }>('cpu');
      const pgBefore = scratch ? await postgresCpuMs(scratch.url) : undefined;
      const t = await load.call<{ eventsPerSecond: number; turnsPerSecond: number; latency: number[]; deliveredTotal: number; chatIds: string[]; allTurns: number }>(
        'turnThroughput', { url: appUrl, clients: CONCURRENCY, warmupMs: 2_000, durationMs: 8_000 }, 60_000);
      const cpuAfter = await app.call<{ ms: number }>('cpu');
      const pgAfter = scratch ? await postgresCpuMs(scratch.url) : undefined;
      r.serverCpuMsPerTurn = (cpuAfter.ms - cpuBefore.ms) / t.allTurns;
      if (pgBefore !== undefined && pgAfter !== undefined) r.postgresCpuMsPerTurn = (pgAfter - pgBefore) / t.allTurns;
      const { stored } = await app.call<{ stored: number }>('count', { chatIds: t.chatIds });
      r.eventsPerSecond = t.eventsPerSecond;
      r.turnsPerSecond = t.turnsPerSecond;
      r.concurrentTurn = summarize(t.latency);
      r.storedEvents = stored;
      r.deliveredEvents = t.deliveredTotal;
    }
    if (PHASES.has('history')) {
      r.history = [];
      for (const size of HISTORY_SIZES) {
        say(`server: a chat with ${size} events`);
        const chat = await load.call<{ token: string; userId: string; chatId: string }>('setupChat', { url: appUrl });
        await app.call('seed', { chatId: chat.chatId, userId: chat.userId, n: size }, 60_000);
        const first = await load.call<{ lat: number[]; returned: number }>('replay', { url: appUrl, token: chat.token, chatId: chat.chatId, n: 30, afterSeq: 0, limit: 1_000 });
        const tail = await load.call<{ lat: number[]; returned: number }>('replay', { url: appUrl, token: chat.token, chatId: chat.chatId, n: 30, afterSeq: size - 20, limit: 1_000 });
        const turns = await load.call<{ finalResponse: number[] }>('turns', { url: appUrl, n: 40, warmup: 3, turnsPerChat: 1e9, maxMs: 10_000, chat }, 60_000);
        if (first.returned !== 1_000) throw new Error(`replay returned ${first.returned} events, expected 1000`);
        r.history.push({ size, replay1000: summarize(first.lat), replayTail20: summarize(tail.lat), turn: summarize(turns.finalResponse) });
      }
    }
    if (PHASES.has('idle')) {
      r.idle = [];
      const { token } = await load.call<{ token: string }>('setupChat', { url: appUrl });
      for (const [name, child, url] of [['echo', echo, echoUrl], ['server', app, appUrl]] as const) {
        const base = await child.call<HeapInfo>('heap');
        let open = 0;
        for (const size of IDLE_SIZES) {
          say(`${name}: ${size} idle connections`);
          const o = await load.call<{ open: number; ms: number }>('idleOpen', { url, token, count: size - open, concurrency: 50 }, 90_000);
          open = o.open;
          const h = await child.call<HeapInfo>('heap');
          if (h.connections !== size) say(`${name}: ${h.connections} connections seen by the server, ${size} expected`);
          let turn: Summary | undefined;
          if (child === app && size === IDLE_SIZES[IDLE_SIZES.length - 1]) {
            const t = await load.call<{ finalResponse: number[] }>('turns', { url: appUrl, n: 40, warmup: 5, turnsPerChat: 20, maxMs: 10_000 }, 60_000);
            turn = summarize(t.finalResponse);
          }
          r.idle.push({ server: name, connections: size, heapPerConnKB: (h.heapUsed - base.heapUsed) / size / 1024, rssPerConnKB: (h.rss - base.rss) / size / 1024, connectMs: o.ms, turn });
        }
        await load.call('idleClose');
      }
    }

    r.loadAverage = [round(loadBefore), round(os.loadavg()[0])];
    say('stopping the children');
    await Promise.all(children.map((c) => c.stop()));
    if (PHASES.has('nlu')) {
      say('nlu: local recogniser');
      r.nlu = await measureNlu();
    }
    if (flag('cpu-prof')) {
      const profiles = fs.existsSync(profDir) ? fs.readdirSync(profDir).map((f) => path.join(profDir, f)) : [];
      say(`CPU profile(s): ${profiles.join(', ') || 'none written'} (summarise: npx tsx scripts/bench/profile-summary.ts <file>)`);
    }

    const result = finish(r, startedAt);
    process.stdout.write(`${printTable(result)}\n`);
    if (!flag('no-write') && PHASES.size === 6) {
      writeReport(result);
      say('wrote docs/benchmarks.md');
    }
    process.stdout.write(`${JSON.stringify(result.json)}\n`);
  } finally {
    clearTimeout(watchdog);
    children.forEach((c) => c.kill());
    await scratch?.drop().catch((err) => say(`could not drop the scratch database: ${(err as Error).message}`));
    if (!flag('cpu-prof')) fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * CPU time (ms) used so far by the PostgreSQL backends serving the bench database, from
 * /proc (Linux, same machine); undefined when that is not readable. CPU per turn is a figure
 * that other load on the machine disturbs far less than latency.
 */
async function postgresCpuMs(url: string): Promise<number | undefined> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
    const tick = 1000 / 100; // USER_HZ is 100 on Linux
    let total = 0;
    for (const { pid } of rows) {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) * tick;
    }
    return total;
  } catch {
    return undefined;
  } finally {
    await c.end();
  }
}

/** What one round trip and one durable commit cost on this machine's PostgreSQL right now. */
async function probePostgres(url: string): Promise<{ selectP50Ms: number; insertP50Ms: number; insert10P50Ms: number }> {
  const c = new Client({ connectionString: url });
  await c.connect();
  const time = async (q: () => Promise<unknown>, n = 200) => {
    const lat: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      await q();
      lat.push(performance.now() - t);
    }
    return p50(lat);
  };
  try {
    await c.query('create table bench_probe (id serial primary key, v text)');
    return {
      selectP50Ms: round(await time(() => c.query('select 1'))),
      insertP50Ms: round(await time(() => c.query('insert into bench_probe (v) values ($1)', ['x']))),
      insert10P50Ms: round(await time(() => c.query('insert into bench_probe (v) select $1 from generate_series(1, 10)', ['x']))),
    };
  } finally {
    await c.query('drop table if exists bench_probe').catch(() => undefined);
    await c.end();
  }
}

/** The headline figures (the JSON line) from the measurements. */
function finish(r: Partial<BenchResult>, startedAt: Date): BenchResult {
  const largestIdle = r.idle?.filter((i) => i.server === 'server').at(-1);
  const json = {
    firstThinkingRatio: r.firstThinking && r.echoRtt ? round(r.firstThinking.p50 / r.echoRtt.p50) : null,
    turnP50Ms: r.turn ? round(r.turn.p50) : null,
    turnP95Ms: r.turn ? round(r.turn.p95) : null,
    turnsPerSecond: r.turnsPerSecond !== undefined ? round(r.turnsPerSecond) : null,
    eventThroughputRatio: r.eventsPerSecond !== undefined && r.echoMessagesPerSecond ? round(r.eventsPerSecond / r.echoMessagesPerSecond) : null,
    heapPerIdleConnKB: largestIdle ? round(largestIdle.heapPerConnKB) : null,
    replay1000Ms: r.history?.[0] ? round(r.history[0].replay1000.p50) : null,
    nluP50Ms: r.nlu ? round(r.nlu.p50) : null,
    database: r.database,
    echoRttP50Ms: r.echoRtt ? round(r.echoRtt.p50) : null,
    firstThinkingP50Ms: r.firstThinking ? round(r.firstThinking.p50) : null,
    messageAckP50Ms: r.ack ? round(r.ack.p50) : null,
    eventsPerSecond: r.eventsPerSecond !== undefined ? round(r.eventsPerSecond) : null,
    echoMessagesPerSecond: r.echoMessagesPerSecond !== undefined ? round(r.echoMessagesPerSecond) : null,
    concurrency: CONCURRENCY,
    allEventsStored: r.storedEvents !== undefined ? r.storedEvents === r.deliveredEvents : null,
    nluSource: r.nlu?.source ?? null,
    serverCpuMsPerTurn: r.serverCpuMsPerTurn !== undefined ? round(r.serverCpuMsPerTurn) : null,
    postgresCpuMsPerTurn: r.postgresCpuMsPerTurn !== undefined ? round(r.postgresCpuMsPerTurn) : null,
    pgSelectP50Ms: r.pgFloor?.selectP50Ms ?? null,
    pgDurableInsertP50Ms: r.pgFloor?.insertP50Ms ?? null,
    loadAverage: r.loadAverage ?? null,
    date: startedAt.toISOString(),
  };
  return { ...(r as BenchResult), json, machine: machine(), startedAt: startedAt.toISOString() };
}

function printTable(r: BenchResult): string {
  const j = r.json;
  const rows: Array<[string, number | null | string, string, boolean | null]> = [
    ['firstThinkingRatio (p50 first step / echo RTT p50)', j.firstThinkingRatio, '<= 4', j.firstThinkingRatio === null ? null : j.firstThinkingRatio <= 4],
    ['turnP50Ms (send -> final response)', j.turnP50Ms, '<= 5', j.turnP50Ms === null ? null : j.turnP50Ms <= 5],
    ['turnP95Ms', j.turnP95Ms, '<= 15', j.turnP95Ms === null ? null : j.turnP95Ms <= 15],
    [`turnsPerSecond (${CONCURRENCY} concurrent people)`, j.turnsPerSecond as number | null, '', null],
    ['eventThroughputRatio (events/s / echo msgs/s)', j.eventThroughputRatio, '>= 0.3', j.eventThroughputRatio === null ? null : j.eventThroughputRatio >= 0.3],
    ['heapPerIdleConnKB (5,000 connections)', j.heapPerIdleConnKB, '<= 15', j.heapPerIdleConnKB === null ? null : j.heapPerIdleConnKB <= 15],
    ['replay1000Ms (chat:join afterSeq 0, 1,000 events)', j.replay1000Ms, '<= 30', j.replay1000Ms === null ? null : j.replay1000Ms <= 30],
    ['nluP50Ms', j.nluP50Ms, '<= 1', j.nluP50Ms === null ? null : j.nluP50Ms <= 1],
  ];
  const head = table(['metric', 'value', 'target', 'met'], rows.map(([m, v, t, ok]) => [m, v === null ? '-' : v, t, ok === null ? '' : ok ? 'yes' : 'NO']));
  const detail: Array<[string, Summary | undefined]> = [
    ['echo round trip (ms)', r.echoRtt],
    ['message:send ack (ms)', r.ack],
    ['first thinking event (ms)', r.firstThinking],
    ['turn to final response (ms)', r.turn],
    ['turn to session completed (ms)', r.turnCompleted],
    [`turn, ${CONCURRENCY} concurrent (ms)`, r.concurrentTurn],
    ...(r.history ?? []).flatMap((h) => [
      [`replay 1,000 of ${h.size} events (ms)`, h.replay1000],
      [`replay last 20 of ${h.size} events (ms)`, h.replayTail20],
      [`turn in a chat of ${h.size} events (ms)`, h.turn],
    ] as Array<[string, Summary]>),
    ...(r.idle ?? []).filter((i) => i.turn).map((i) => [`turn with ${i.connections} idle connections (ms)`, i.turn] as [string, Summary]),
    ['nlu recognise (ms)', r.nlu],
  ];
  const lat = table(['latency', 'n', 'p50', 'p95', 'p99', 'max'], detail.filter(([, s]) => s).map(([name, s]) => [name, s!.n, s!.p50, s!.p95, s!.p99, s!.max]));
  const idle = r.idle?.length
    ? table(['idle connections', 'server', 'heap KB/conn', 'rss KB/conn', 'connect all (ms)'], r.idle.map((i) => [String(i.connections), i.server, i.heapPerConnKB, i.rssPerConnKB, i.connectMs]))
    : '';
  const tp = r.eventsPerSecond !== undefined
    ? `CPU per turn: server ${round(r.serverCpuMsPerTurn ?? NaN)} ms${r.postgresCpuMsPerTurn !== undefined ? `, PostgreSQL backends ${round(r.postgresCpuMsPerTurn)} ms` : ''}\n` +
      `throughput at ${CONCURRENCY} clients: server ${round(r.eventsPerSecond)} events/s (${round(r.turnsPerSecond ?? 0)} turns/s, ${round(r.eventsPerTurn ?? 0)} events/turn), echo ${round(r.echoMessagesPerSecond ?? 0)} msgs/s; stored ${r.storedEvents} = delivered ${r.deliveredEvents}: ${r.storedEvents === r.deliveredEvents}`
    : '';
  const m = r.machine;
  return [
    `benchmark ${r.startedAt} on ${m.cpus} x ${m.cpuModel}, node ${m.node}, database ${r.database}${r.nlu ? `, nlu ${r.nlu.source}` : ''}, load average ${r.loadAverage?.join(' -> ')}`,
    ...(r.pgFloor ? [`postgres floor: select 1 p50 ${r.pgFloor.selectP50Ms} ms, durable 1-row insert p50 ${r.pgFloor.insertP50Ms} ms, 10 rows ${r.pgFloor.insert10P50Ms} ms`] : []),
    '', head, '', lat, '', idle, '', tp,
  ].join('\n');
}

main().then(() => process.exit(0), (err) => {
  say(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
