import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Alarm, HistoryRow } from '@app/shared';
import type { Loose } from './page-globals';

/** What the app keeps in localStorage (see frontend/src/lib/storage.ts). */
const KEYS = { auth: 'io.auth.v1', outbox: 'io.outbox.v1', currentChat: 'io.currentChat.v1' } as const;

export const composer = (page: Page) => page.getByRole('textbox', { name: 'Message' });
export const connectionStatus = (page: Page) => page.getByTestId('connection-status');
export const conversation = (page: Page) => page.getByRole('region', { name: 'Conversation' });
export const intentBar = (page: Page) => page.getByRole('region', { name: 'Current request' });
export const userMessages = (page: Page) => page.getByTestId('user-message');
export const pendingMessages = (page: Page) => page.getByTestId('pending-message');

/** Retries `fn` (an assertion) until it passes or `timeoutMs` ran out; then throws its last error. */
export async function eventually<T>(fn: () => Promise<T> | T, timeoutMs = 10_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }
}

export async function waitForStatus(page: Page, text: string | RegExp, timeoutMs = 15_000): Promise<void> {
  try {
    await connectionStatus(page).filter({ hasText: text }).waitFor({ timeout: timeoutMs });
  } catch (err) {
    // Say what the indicator showed instead (its title carries the last error).
    const status = connectionStatus(page);
    const shown = (await status.count()) ? `${await status.textContent()} (${await status.getAttribute('title')})` : 'no indicator on the page';
    throw new Error(`connection indicator never showed ${String(text)} within ${timeoutMs} ms; it shows: ${shown}\n${(err as Error).message}`);
  }
}

/** Loads the app and waits until its socket is connected and a chat is open. */
export async function openApp(page: Page, baseUrl: string): Promise<void> {
  await page.goto(baseUrl);
  await waitForStatus(page, 'Connected');
  await eventually(async () => expect(await currentChatId(page)).toEqual(expect.any(String)));
}

/** Types into the composer and presses Enter, as a person would. */
export async function send(page: Page, text: string): Promise<void> {
  const box = composer(page);
  await box.fill(text);
  await box.press('Enter');
}

export async function currentChatId(page: Page): Promise<string | null> {
  return page.evaluate((key) => JSON.parse((globalThis as Loose).localStorage.getItem(key) ?? 'null') as string | null, KEYS.currentChat);
}

export async function storedAuth(page: Page): Promise<{ token: string; userId: string }> {
  const auth = await page.evaluate((key) => JSON.parse((globalThis as Loose).localStorage.getItem(key) ?? 'null') as { token: string; userId: string } | null, KEYS.auth);
  if (!auth) throw new Error('the page has no guest token yet');
  return auth;
}

export async function storedOutbox(page: Page): Promise<Array<{ id: string; kind: string; text?: string; status: string }>> {
  return page.evaluate((key) => JSON.parse((globalThis as Loose).localStorage.getItem(key) ?? '[]'), KEYS.outbox);
}

/** GET on the server's REST API as the page's guest. */
export async function api<T>(baseUrl: string, page: Page, urlPath: string): Promise<T> {
  const { token } = await storedAuth(page);
  const res = await fetch(`${baseUrl}${urlPath}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET ${urlPath}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The chat's whole stored history, from the server (the source of truth), page by page. */
export async function serverHistory(baseUrl: string, page: Page, chatId?: string): Promise<HistoryRow[]> {
  const id = chatId ?? (await currentChatId(page));
  if (!id) throw new Error('no chat is open');
  const rows: HistoryRow[] = [];
  for (;;) {
    const after = rows.length ? rows[rows.length - 1].seq : 0;
    const pageOf = await api<{ events: HistoryRow[]; hasMore: boolean }>(baseUrl, page, `/api/chats/${id}/history?afterSeq=${after}&limit=500`);
    rows.push(...pageOf.events);
    if (!pageOf.hasMore || !pageOf.events.length) return rows;
  }
}

export async function serverAlarms(baseUrl: string, page: Page): Promise<Alarm[]> {
  return (await api<{ alarms: Alarm[] }>(baseUrl, page, '/api/alarms')).alarms;
}

/** Labels of the steps of the last visible "Thinking steps" list, with their icon's name. */
export async function visibleSteps(page: Page): Promise<Array<{ label: string; state: string | null; text: string }>> {
  return page.getByRole('list', { name: 'Thinking steps' }).last().getByRole('listitem').evaluateAll((items) =>
    items.map((li: Loose) => ({
      label: (li.querySelector('.step__label')?.textContent ?? '') as string,
      state: (li.querySelector('[role="img"]')?.getAttribute('aria-label') ?? null) as string | null,
      text: li.innerText as string,
    })),
  );
}

/** `items` contains `wanted` in this order (other items may come between). */
export function inOrder(items: string[], wanted: string[]): boolean {
  let i = 0;
  for (const item of items) if (i < wanted.length && item === wanted[i]) i++;
  return i === wanted.length;
}

/** The element that has the keyboard focus, described by role-ish facts. */
export async function focused(page: Page): Promise<{ tag: string; id: string; name: string; type: string | null }> {
  return page.evaluate(() => {
    const { document, CSS } = globalThis as Loose;
    const el = document.activeElement;
    if (!el) return { tag: '', id: '', name: '', type: null };
    const labelled: string | null = el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`)?.textContent : null;
    return {
      tag: (el.tagName as string).toLowerCase(),
      id: el.id as string,
      name: ((el.getAttribute('aria-label') ?? labelled ?? el.textContent ?? '') as string).trim(),
      type: el.getAttribute('type') as string | null,
    };
  });
}

/** Lets framer-motion finish (collapse 0.2 s, steps 0.18 s) before a screenshot or a layout check. */
export async function settle(page: Page, ms = 400): Promise<void> {
  await page.waitForTimeout(ms);
  await page.evaluate(() => new Promise((r) => {
    const { requestAnimationFrame } = globalThis as Loose;
    requestAnimationFrame(() => requestAnimationFrame(r));
  }));
}

/**
 * Screenshots of the main states: into docs/screenshots with UPDATE_SCREENSHOTS=1 (commit them),
 * otherwise into a temporary folder, so CI takes them too but never dirties the tree.
 */
export const SCREENSHOT_DIR = process.env.UPDATE_SCREENSHOTS === '1'
  ? path.resolve(__dirname, '../../../docs/screenshots')
  : path.join(os.tmpdir(), 'io-e2e-screenshots');

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, name);
  await page.mouse.move(0, 0); // no hover highlight in the picture
  await settle(page);
  await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
  return file;
}
