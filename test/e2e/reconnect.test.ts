import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { spawnServer, type SpawnedServer } from '../support/spawn-server';
import { describeInBrowser, launchBrowser, newPage } from './support/browser';
import {
  conversation, eventually, openApp, pendingMessages, screenshot, send, serverHistory, storedOutbox, userMessages, waitForStatus,
} from './support/app';
import type { Loose } from './support/page-globals';

/**
 * Runs in the page before the app: every text the connection indicator shows, in order, so the
 * test sees "Reconnecting" even if it only lasted a moment.
 */
function recordConnectionStates(): void {
  const { document, MutationObserver } = globalThis as Loose;
  const w = globalThis as unknown as { __conn: string[] };
  w.__conn = [];
  new MutationObserver(() => {
    const text: string = document.querySelector('[data-testid="connection-status"]')?.textContent ?? '';
    if (text && w.__conn[w.__conn.length - 1] !== text) w.__conn.push(text);
  }).observe(document, { subtree: true, childList: true, characterData: true });
}

describeInBrowser('server stopped and restarted', () => {
  let dataDir = '';
  // Same data and same secret on both runs: the browser's guest token stays valid across the restart.
  let env: Record<string, string> = {};
  let server: SpawnedServer | undefined;
  let browser: Browser;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'io-e2e-restart-'));
    env = { DATA_DIR: dataDir, AUTH_SECRET: 'e2e-restart-secret-0123456789abcdef', DEFAULT_TIME_ZONE: 'UTC', LOG_LEVEL: 'warn' };
    [server, browser] = await Promise.all([spawnServer(env, { readyTimeoutMs: 60_000 }), launchBrowser()]);
  }, 90_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    if (server) await server.stop(15_000);
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('shows reconnecting then connected, and a message typed while it was down is delivered exactly once', async () => {
    const opened = await newPage(browser);
    context = opened.context;
    const { page, pageErrors } = opened;
    await context.addInitScript(recordConnectionStates);
    const url = server!.url;
    await openApp(page, url);
    await send(page, 'wake me up at 6:30 tomorrow');
    await conversation(page).getByText(/^Alarm set for 6:30 AM tomorrow/).waitFor({ timeout: 15_000 });

    // The server goes away: the indicator says so (with a Retry button).
    await server!.stop(15_000);
    await waitForStatus(page, /^Reconnecting/, 10_000);
    await page.getByRole('button', { name: 'Retry' }).waitFor();
    // Socket.IO's backoff is under way, and the indicator counts its attempts.
    await waitForStatus(page, /^Reconnecting \(attempt [1-9]\d*\)/, 10_000);

    // A message typed now waits in the outbox: shown as pending, kept in localStorage.
    const text = 'set an alarm for 7:45 tomorrow';
    await send(page, text);
    const pending = pendingMessages(page).filter({ hasText: text });
    await pending.waitFor();
    await pending.getByText(/Waiting to send|Sending/).waitFor();
    await expect(userMessages(page).filter({ hasText: text }).count()).resolves.toBe(0);
    const outbox = await storedOutbox(page);
    expect(outbox).toEqual([expect.objectContaining({ kind: 'message', text })]);
    const clientMessageId = outbox[0].id;
    await screenshot(page, 'reconnecting.png');

    // Same data, same port, same secret: the page reconnects to the URL it was loaded from.
    server = await spawnServer({ ...env, PORT: String(new URL(url).port) }, { readyTimeoutMs: 60_000 });
    expect(server.url).toBe(url);
    await waitForStatus(page, 'Connected', 40_000);

    // Delivered: the bubble is no longer pending, the assistant answers it.
    await pendingMessages(page).first().waitFor({ state: 'detached', timeout: 15_000 });
    await conversation(page).getByText(/^Alarm set for 7:45 AM tomorrow/).waitFor({ timeout: 15_000 });
    await expect(storedOutbox(page)).resolves.toEqual([]);

    const states = await page.evaluate(() => (globalThis as unknown as { __conn: string[] }).__conn);
    const reconnecting = states.findIndex((s) => s.startsWith('Reconnecting'));
    expect(reconnecting).toBeGreaterThan(-1);
    expect(states.lastIndexOf('Connected')).toBeGreaterThan(reconnecting);
    expect(states[states.length - 1]).toBe('Connected');

    // Exactly once, on the server and on the page, even after things settle.
    await page.waitForTimeout(1_500);
    const history = await serverHistory(url, page);
    const sent = history.filter((e) => e.type === 'user' && e.text === text);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ clientMessageId });
    await eventually(async () => expect(await userMessages(page).filter({ hasText: text }).count()).toBe(1));
    await expect(userMessages(page).count()).resolves.toBe(history.filter((e) => e.type === 'user').length);
    expect(history.filter((e) => e.type === 'response' && e.final && /^Alarm set for 7:45 AM/.test(e.text))).toHaveLength(1);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
