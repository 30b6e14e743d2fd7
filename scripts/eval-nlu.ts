/**
 * Evaluates the local recogniser on a SLURP jsonl file (path as argument; the data is
 * never copied into the repository).
 *
 *   npm run eval:nlu -- /work/shared/slurp/devel.jsonl [--now 2026-11-22T09:00:00] [--tz UTC] [--errors]
 *
 * Prints, for all rows and for the two halves split by slurp_id parity: alarm-intent
 * accuracy (strict, and allowing update_alarm for alarm_set/alarm_remove rows), false
 * alarm intents on out-of-scope rows, time accuracy on alarm_set rows, latency p50/p95
 * and a confusion table.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { DateTime } from 'luxon';
import { isToolIntent, type IntentName } from '@app/shared';
import { recognizeLocal, warmUp, type NluContext, type Recognition } from '../backend/src/nlu';
import { goldIntent, goldTime, intentMatches, percentile, slurpIntent, type GoldIntent, type SlurpRow } from '../backend/src/nlu/eval/slurp';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

interface Scored {
  row: SlurpRow;
  gold: GoldIntent;
  rec: Recognition;
  ms: number;
  timeOk: boolean | null;
  goldAccept: string[] | null;
}

const GOLD_ORDER: GoldIntent[] = ['create_alarm', 'list_alarms', 'delete_alarm', 'out_of_scope'];
const PRED_ORDER: IntentName[] = ['create_alarm', 'list_alarms', 'delete_alarm', 'update_alarm', 'snooze_alarm', 'cancel', 'resume', 'none'];

const pct = (a: number, b: number) => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)}%`);

function report(title: string, rows: Scored[]): void {
  const alarm = rows.filter((r) => r.gold !== 'out_of_scope');
  const other = rows.filter((r) => r.gold === 'out_of_scope');
  const strict = alarm.filter((r) => intentMatches(r.gold, r.rec.intent, false)).length;
  const lenient = alarm.filter((r) => intentMatches(r.gold, r.rec.intent, true)).length;
  const falseAlarms = other.filter((r) => isToolIntent(r.rec.intent)).length;
  const timed = rows.filter((r) => r.timeOk !== null);
  const timeOk = timed.filter((r) => r.timeOk).length;
  const ms = rows.map((r) => r.ms).sort((a, b) => a - b);
  console.log(`\n== ${title} (${rows.length} rows: ${alarm.length} alarm, ${other.length} out of scope)`);
  console.log(`alarm-intent accuracy, strict:          ${strict}/${alarm.length} = ${pct(strict, alarm.length)}`);
  console.log(`alarm-intent accuracy, update allowed:  ${lenient}/${alarm.length} = ${pct(lenient, alarm.length)}`);
  console.log(`false alarm intents on other rows:      ${falseAlarms}/${other.length} = ${((1000 * falseAlarms) / Math.max(1, other.length)).toFixed(2)} per 1,000`);
  console.log(`alarm_set time accuracy:                ${timeOk}/${timed.length} = ${pct(timeOk, timed.length)}`);
  console.log(`ms per utterance:                       p50 ${percentile(ms, 50).toFixed(3)}  p95 ${percentile(ms, 95).toFixed(3)}  max ${ms[ms.length - 1]?.toFixed(3)}`);
  const header = ['gold \\ predicted', ...PRED_ORDER.map((p) => p.replace('_alarm', ''))];
  console.log(header.map((h, i) => (i === 0 ? h.padEnd(18) : h.padStart(8))).join(''));
  for (const g of GOLD_ORDER) {
    const cells = PRED_ORDER.map((p) => String(rows.filter((r) => r.gold === g && r.rec.intent === p).length).padStart(8));
    console.log(`${g.padEnd(18)}${cells.join('')}`);
  }
}

function main(): void {
  const path = process.argv.slice(2).find((a, i, all) => !a.startsWith('--') && !(i > 0 && all[i - 1].startsWith('--') && ['--now', '--tz'].includes(all[i - 1])));
  if (!path) {
    console.error('usage: npm run eval:nlu -- <slurp.jsonl> [--now ISO] [--tz Zone] [--errors]');
    process.exit(2);
  }
  const timeZone = arg('tz') ?? 'UTC';
  const now = DateTime.fromISO(arg('now') ?? '2026-11-22T09:00:00', { zone: timeZone });
  const ctx: NluContext = { now: now.toJSDate(), timeZone };
  const rows = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as SlurpRow);

  warmUp();
  for (const r of rows.slice(0, 50)) recognizeLocal(r.sentence, ctx); // warm up the JIT
  const scored: Scored[] = rows.map((row) => {
    const t0 = performance.now();
    const rec = recognizeLocal(row.sentence, ctx);
    const ms = performance.now() - t0;
    const gold = goldIntent(row);
    let timeOk: boolean | null = null;
    let goldAccept: string[] | null = null;
    if (gold === 'create_alarm') {
      const g = goldTime(row, now);
      if (g) {
        goldAccept = g.accept;
        const predicted = rec.params.time ?? rec.params.targetTime ?? null;
        timeOk = predicted !== null && g.accept.includes(predicted);
      }
    }
    return { row, gold, rec, ms, timeOk, goldAccept };
  });

  console.log(`SLURP NLU evaluation of the local recogniser; now ${now.toISO()} (${timeZone})`);
  report('all rows', scored);
  report('even slurp_id half', scored.filter((s) => s.row.slurp_id % 2 === 0));
  report('odd slurp_id half', scored.filter((s) => s.row.slurp_id % 2 === 1));

  if (process.argv.includes('--errors')) {
    console.log('\n== errors (printed for inspection only; do not copy into the repository)');
    for (const s of scored) {
      const wrongIntent = !intentMatches(s.gold, s.rec.intent, false);
      if (wrongIntent || s.timeOk === false) {
        const time = s.rec.params.time ?? s.rec.params.targetTime ?? '-';
        console.log(`${s.row.slurp_id} ${slurpIntent(s.row)} -> ${s.rec.intent} (${s.rec.confidence}) time ${time} gold ${s.goldAccept?.join('|') ?? '-'} | ${s.row.sentence}`);
      }
    }
  }
}

main();
