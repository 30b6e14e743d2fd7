import fs from 'node:fs';
import path from 'node:path';
import { summarize, type Summary } from './stats';

/** Utterances of every intent, including ones the recogniser should reject. */
const CORPUS = [
  'wake me up at 6:30 tomorrow',
  'set an alarm for 7am',
  'alarm at 5:45 on weekdays',
  'wake me at half past six on saturday',
  'set an alarm for 10 minutes before 8 tomorrow',
  'can you wake me up at 7 in the evening',
  'set alarm 06:15 labelled gym',
  'show my alarms',
  'what alarms do I have',
  'list all alarms',
  'delete the 7am alarm',
  'remove my gym alarm',
  'move my 6:30 alarm to 7',
  'change the saturday alarm to 9',
  'snooze for 10 minutes',
  'cancel',
  'never mind',
  'resume',
  "what's the weather like",
  'tell me a joke',
];

type Recognizer = { recognize(text: string, ctx: { now: Date; timeZone: string }): unknown };

/** The local recogniser: backend/src/nlu when it exists, else the interim one of the server. */
async function loadRecognizer(): Promise<{ recognizer: Recognizer; source: string }> {
  const root = path.resolve(__dirname, '../..');
  if (fs.existsSync(path.join(root, 'backend/src/nlu/index.ts'))) {
    try {
      const mod = (await import('../../backend/src/nlu')) as { LocalRecognizer?: new () => Recognizer };
      if (mod.LocalRecognizer) return { recognizer: new mod.LocalRecognizer(), source: 'backend/src/nlu' };
    } catch (err) {
      process.stderr.write(`[bench] backend/src/nlu did not load (${(err as Error).message}); using the interim recogniser\n`);
    }
  }
  // Kept as a variable: the interim module is deleted once backend/src/nlu lands.
  const interim = '../../backend/src/server/interim-nlu';
  const mod = (await import(interim)) as { LocalRecognizer: new () => Recognizer };
  return { recognizer: new mod.LocalRecognizer(), source: 'backend/src/server/interim-nlu' };
}

/** p50 etc. of one `recognize` call over the corpus, after a warm-up; plus the cold first call. */
export async function measureNlu(rounds = 150, warmupRounds = 20): Promise<Summary & { source: string; coldMs: number }> {
  const { recognizer, source } = await loadRecognizer();
  const ctx = { now: new Date('2026-11-25T09:00:00Z'), timeZone: 'Europe/Berlin' };
  const t0 = performance.now();
  await recognizer.recognize(CORPUS[0], ctx);
  const coldMs = performance.now() - t0;
  const lat: number[] = [];
  for (let r = 0; r < warmupRounds + rounds; r++) {
    for (const text of CORPUS) {
      const t = performance.now();
      await recognizer.recognize(text, ctx);
      if (r >= warmupRounds) lat.push(performance.now() - t);
    }
  }
  return { ...summarize(lat), source, coldMs };
}
