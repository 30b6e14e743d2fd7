/**
 * Batch prediction with the local recogniser, for external evaluation.
 *
 *   npm run --silent nlu:predict -- --now 2026-11-22T09:00:00 --tz UTC < rows.jsonl
 *
 * Reads JSON lines with `id` and `text` (SLURP's `slurp_id` and `sentence` are accepted)
 * and writes one JSON line per input: { id, intent, confidence, slots: { time, date,
 * repeat, label } }. `--now` is local wall time in `--tz`. Nothing else goes to stdout.
 */
import { createInterface } from 'node:readline';
import { DateTime } from 'luxon';
import { recognizeLocal } from '../backend/src/nlu';
import type { NluContext } from '../backend/src/nlu';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0) return process.argv[i + 1];
  const eq = process.argv.find((a) => a.startsWith(`--${name}=`));
  return eq ? eq.slice(name.length + 3) : undefined;
}

function context(): NluContext {
  const timeZone = arg('tz') ?? 'UTC';
  if (!DateTime.local().setZone(timeZone).isValid) {
    process.stderr.write(`nlu-predict: unknown time zone ${timeZone}\n`);
    process.exit(2);
  }
  const nowArg = arg('now');
  const now = nowArg ? DateTime.fromISO(nowArg, { zone: timeZone }) : DateTime.now();
  if (!now.isValid) {
    process.stderr.write(`nlu-predict: cannot read --now ${nowArg}\n`);
    process.exit(2);
  }
  return { now: now.toJSDate(), timeZone };
}

interface Row {
  id?: unknown;
  slurp_id?: unknown;
  text?: unknown;
  sentence?: unknown;
}

function predictLine(line: string, ctx: NluContext): string {
  let row: Row;
  try {
    row = JSON.parse(line) as Row;
  } catch {
    process.stderr.write(`nlu-predict: skipping a line that is not JSON\n`);
    return JSON.stringify({ id: null, intent: 'none', confidence: 0, slots: { time: null, date: null, repeat: null, label: null } });
  }
  const id = row.id ?? row.slurp_id ?? null;
  const text = typeof row.text === 'string' ? row.text : typeof row.sentence === 'string' ? row.sentence : '';
  const r = recognizeLocal(text, ctx);
  const p = r.params;
  return JSON.stringify({
    id,
    intent: r.intent,
    confidence: Math.round(r.confidence * 1000) / 1000,
    slots: {
      time: p.time ?? p.targetTime ?? null,
      date: p.date ?? null,
      repeat: p.repeat ?? null,
      label: p.label ?? p.targetLabel ?? null,
    },
  });
}

function main(): void {
  const ctx = context();
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  const out: string[] = [];
  rl.on('line', (line) => {
    if (line.trim().length === 0) return;
    out.push(predictLine(line, ctx));
    if (out.length >= 256) process.stdout.write(`${out.splice(0).join('\n')}\n`);
  });
  rl.on('close', () => {
    if (out.length > 0) process.stdout.write(`${out.join('\n')}\n`);
  });
}

main();
