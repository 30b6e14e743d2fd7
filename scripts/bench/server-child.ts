/**
 * Benchmark child: the real server (createServer(loadConfig(env))) on 127.0.0.1, port 0.
 * Answers the coordinator over IPC: heap after gc, seeding a chat's history through the
 * same insert the ChatLog uses, counting stored events, stopping.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { DraftEvent, Stage } from '@app/shared';
import { loadConfig } from '../../backend/src/config/config';
import { createServer } from '../../backend/src/server/create-server';
import { insertBatch, type PendingRow } from '../../backend/src/history/history.repository';
import { notify, serve } from './ipc';

function heap() {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage();
}

/** One create_alarm turn's worth of events (19), as the orchestrator emits them. */
function turnDrafts(i: number, intentId: string, sessionId: string): DraftEvent[] {
  const labels: Array<[Stage, string]> = [
    ['session', 'Initializing session...'], ['message', 'Processing your message...'], ['intent', 'Analyzing your request...'],
    ['intent', 'Intent recognized: create_alarm'], ['params', 'Extracting parameters from your request...'],
    ['tool', 'Executing your request...'], ['reply', 'Generating final response...'],
  ];
  const out: DraftEvent[] = [{ type: 'user', text: `wake me up at 6:30 tomorrow (${i})`, clientMessageId: `seed-${i}-${randomUUID()}`, via: 'chat' }];
  for (const [stage, label] of labels) {
    const stepId = randomUUID();
    out.push({ type: 'thinking', stepId, stage, label, status: 'started' });
    out.push({ type: 'thinking', stepId, stage, label, status: 'done', durationMs: 0.12, detail: { intent: 'create_alarm', confidence: 0.93 } });
    if (label.startsWith('Intent recognized')) {
      out.push({ type: 'session', intentId, sessionId, intent: 'create_alarm', state: 'active', resumable: false, params: {}, missing: [], reason: 'started' });
    }
  }
  out.push({ type: 'response', responseId: randomUUID(), text: 'Alarm set for 6:30 AM tomorrow (Thu 26 Nov).', final: true, isComplete: true });
  out.push({ type: 'component', componentId: `card:${intentId}`, version: 1, spec: { type: 'Card', children: [{ type: 'Text', text: 'Alarm 6:30 AM, tomorrow', tone: 'muted' }] } });
  out.push({ type: 'session', intentId, sessionId, intent: 'create_alarm', state: 'completed', resumable: false, params: { time: '06:30', date: '2026-11-26' }, missing: [] });
  return out;
}

async function main(): Promise<void> {
  const server = await createServer(loadConfig(process.env));
  const db = server.db.db;

  serve({
    heap: () => ({ ...heap(), connections: server.io.engine.clientsCount }),

    /** CPU time this process has used so far (ms, user + system). */
    cpu: () => {
      const u = process.cpuUsage();
      return { ms: (u.user + u.system) / 1000 };
    },

    /** Appends `n` events to a chat (in statements of 100 rows, as one chat's turns would). */
    async seed({ chatId, userId, n }: { chatId: string; userId: string; n: number }) {
      const rows: PendingRow[] = [];
      for (let turn = 0; rows.length < n; turn++) {
        const intentId = randomUUID();
        const sessionId = randomUUID();
        for (const draft of turnDrafts(turn, intentId, sessionId)) {
          if (rows.length >= n) break;
          rows.push({ ids: { chatId, userId, connectionId: randomUUID(), intentId, sessionId }, draft, clientMessageId: draft.type === 'user' ? draft.clientMessageId : null });
        }
      }
      for (let i = 0; i < rows.length; i += 100) await insertBatch(db, chatId, rows.slice(i, i + 100));
      return { seeded: rows.length };
    },

    /** Stored events of the given chats. */
    async count({ chatIds }: { chatIds: string[] }) {
      if (!chatIds.length) return { stored: 0 };
      const r = await sql<{ n: number }>`select count(*)::int as n from chat_history where user_chat_id in (${sql.join(chatIds)})`.execute(db);
      return { stored: r.rows[0].n };
    },

    async stop() {
      await server.close();
      setImmediate(() => process.exit(0));
      return { stopped: true };
    },
  });
  notify('ready', { url: server.url, kind: server.db.kind });
}

main().catch((err) => {
  // eslint-disable-next-line no-console
  console.error(err);
  process.exit(1);
});
