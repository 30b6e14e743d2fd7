import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/test-server';
import { describeInBrowser, launchBrowser, newPage } from './support/browser';
import {
  composer, conversation, currentChatId, eventually, focused, inOrder, intentBar, openApp, send, serverAlarms, serverHistory,
  userMessages, visibleSteps,
} from './support/app';
import { slowUnderstanding } from './support/slow-understanding';
import type { Loose } from './support/page-globals';

/** How long recognising takes on this server: "Analyzing your request..." is visibly in progress. */
const RECOGNIZE_MS = 600;

/** The steps the issue names, in the order a create_alarm turn must show them. */
const CREATE_ALARM_STEPS = [
  'Analyzing your request...',
  'Intent recognized: create_alarm',
  'Extracting parameters from your request...',
  'Executing your request...',
  'Generating final response...',
];

/**
 * Runs in the page before the app: writes down every thinking step the moment it is rendered
 * (label and icon), and every assistant reply, so the test can tell what was on screen live and
 * in which order, not just what the timeline says afterwards.
 */
function recordLiveSteps(): void {
  const { document, MutationObserver } = globalThis as Loose;
  const w = globalThis as unknown as { __live: string[] };
  w.__live = [];
  const seen = new Set<string>();
  const note = (key: string) => {
    if (!seen.has(key)) {
      seen.add(key);
      w.__live.push(key);
    }
  };
  new MutationObserver(() => {
    document.querySelectorAll('ol[aria-label="Thinking steps"] > li').forEach((li: Loose) => {
      const label = li.querySelector('.step__label')?.textContent ?? '';
      const state = li.querySelector('[role="img"]')?.getAttribute('aria-label') ?? '';
      note(`step:${label}`);
      note(`step:${label}|${state}`);
    });
    document.querySelectorAll('.msg--assistant .response').forEach((p: Loose) => note(`reply:${p.textContent}`));
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
}

describeInBrowser('conversation in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startTestServer('pglite', {}, { understanding: slowUnderstanding(RECOGNIZE_MS) }),
      launchBrowser(),
    ]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });

  async function freshPage(): Promise<{ page: Page; pageErrors: string[] }> {
    const { context, page, pageErrors } = await newPage(browser);
    contexts.push(context);
    return { page, pageErrors };
  }

  it('a create_alarm turn: the steps show live and in order, collapse into "Thought for", then the reply', async () => {
    const { page, pageErrors } = await freshPage();
    await page.context().addInitScript(recordLiveSteps);
    await openApp(page, server.url);

    await send(page, 'wake me up at 6:30 tomorrow');
    await expect(composer(page).inputValue()).resolves.toBe('');
    await userMessages(page).filter({ hasText: 'wake me up at 6:30 tomorrow' }).waitFor();

    // While the server recognises: the step list is open, "Analyzing" spins, the live region says so.
    const steps = page.getByRole('list', { name: 'Thinking steps' });
    await steps.getByRole('listitem').filter({ hasText: 'Analyzing your request...' }).getByRole('img', { name: 'In progress' }).waitFor();
    await expect(page.getByTestId('live-region').textContent()).resolves.toContain('Analyzing your request...');
    await expect(page.locator('.msg--assistant[aria-busy="true"]').count()).resolves.toBe(1);

    // The reply; the timeline folds into "Thought for N s", N covering the slow recognition.
    const reply = conversation(page).getByText(/^Alarm set for 6:30 AM tomorrow/);
    await reply.waitFor();
    const toggle = page.getByRole('button', { name: /^Thought for [\d.]+ s/ });
    await toggle.waitFor();
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');
    const seconds = Number(/Thought for ([\d.]+) s/.exec((await toggle.textContent()) ?? '')?.[1]);
    expect(seconds).toBeGreaterThanOrEqual(RECOGNIZE_MS / 1000);
    await eventually(async () => expect(await steps.count()).toBe(0));
    await eventually(async () => expect(await page.getByTestId('live-region').textContent()).toMatch(/^Alarm set for 6:30 AM tomorrow/));

    // What was on screen live: every named step, in order, before the reply.
    const live = await page.evaluate(() => (globalThis as unknown as { __live: string[] }).__live);
    const firstSeen = live.filter((k) => k.startsWith('step:') && !k.includes('|')).map((k) => k.slice(5));
    expect(inOrder(firstSeen, CREATE_ALARM_STEPS)).toBe(true);
    const replyAt = live.findIndex((k) => k.startsWith('reply:Alarm set for 6:30 AM tomorrow'));
    expect(replyAt).toBeGreaterThan(-1);
    for (const label of CREATE_ALARM_STEPS) expect(live.indexOf(`step:${label}`)).toBeLessThan(replyAt);
    expect(live).toContain('step:Analyzing your request...|In progress');

    // Reopened: all steps done, in order, each with its duration; the intent with its confidence.
    await toggle.click();
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('true');
    const shown = await eventually(async () => {
      const s = await visibleSteps(page);
      expect(s.length).toBeGreaterThanOrEqual(CREATE_ALARM_STEPS.length);
      return s;
    });
    expect(inOrder(shown.map((s) => s.label), CREATE_ALARM_STEPS)).toBe(true);
    for (const s of shown) {
      expect(s.state).toBe('Done');
      expect(s.text).toMatch(/\d+ ms|\d+(\.\d)? s/);
    }
    const recognized = shown.find((s) => s.label === 'Intent recognized: create_alarm')!;
    expect(recognized.text).toMatch(/\d+% confident/);
    // "Analyzing" took as long as the recogniser did (its duration is measured, not made up).
    const analyzing = shown.find((s) => s.label === 'Analyzing your request...')!;
    const [, amount, unit] = /([\d.]+) (ms|s)\b/.exec(analyzing.text)!;
    expect(Number(amount) * (unit === 's' ? 1000 : 1)).toBeGreaterThanOrEqual(RECOGNIZE_MS - 50);

    // The intent bar and the server agree: the alarm exists.
    await intentBar(page).filter({ hasText: 'Done' }).waitFor();
    const alarms = await serverAlarms(server.url, page);
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toMatchObject({ time: '06:30', enabled: true });
    expect(pageErrors).toEqual([]);
  }, 45_000);

  it('a follow-up form ("set an alarm") is filled and submitted with the mouse', async () => {
    const { page, pageErrors } = await freshPage();
    await openApp(page, server.url);
    await send(page, 'set an alarm');

    await conversation(page).getByText('What time should I set the alarm for?').waitFor();
    const form = page.getByRole('form', { name: 'New alarm' });
    await form.waitFor();
    await intentBar(page).filter({ hasText: 'Needs time' }).waitFor();
    const time = form.getByLabel(/^Time/);
    await expect(time.getAttribute('aria-required')).resolves.toBe('true');
    await expect(form.getByText('Needed').count()).resolves.toBe(1);

    await time.fill('07:15');
    await form.getByRole('button', { name: 'Monday' }).click();
    await form.getByRole('button', { name: 'Friday' }).click();
    await expect(form.getByRole('button', { name: 'Monday' }).getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(form.getByRole('button', { name: 'Tuesday' }).getAttribute('aria-pressed')).resolves.toBe('false');
    await form.getByLabel('Label').fill('Gym');
    await form.getByRole('button', { name: 'Set alarm' }).click();

    await conversation(page).getByText(/^Alarm "Gym" set for 7:15 AM every Monday and Friday/).waitFor({ timeout: 15_000 });
    await page.getByText('This form is closed.').waitFor();
    await expect(time.isDisabled()).resolves.toBe(true);
    await intentBar(page).filter({ hasText: 'Done' }).waitFor();
    // The submission is in the conversation once, marked as sent from the form.
    await expect(page.getByText('Sent from the form').count()).resolves.toBe(1);

    const alarms = await serverAlarms(server.url, page);
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toMatchObject({ time: '07:15', repeat: ['mon', 'fri'], label: 'Gym', enabled: true });
    expect(pageErrors).toEqual([]);
  }, 45_000);

  it('keyboard only: skip link, message, focus into the form, Tab / type / Space / Enter, focus back to the composer', async () => {
    const { page, pageErrors } = await freshPage();
    await openApp(page, server.url);

    // Tab reaches the skip link first; Enter on it puts the caret in the message box.
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'a', name: 'Skip to the message box' });
    await page.keyboard.press('Enter');
    expect(await focused(page)).toMatchObject({ tag: 'textarea', id: 'composer-input' });
    await page.keyboard.type('set an alarm');
    await page.keyboard.press('Enter');

    // The form asks for the time: focus moves into its first missing field by itself.
    const form = page.getByRole('form', { name: 'New alarm' });
    await form.waitFor();
    await eventually(async () => expect(await focused(page)).toMatchObject({ tag: 'input', type: 'time', name: expect.stringMatching(/^Time/) }));
    // An en-US time input takes hour, minute, AM/PM segments.
    await page.keyboard.type('0645A');
    await expect(form.getByLabel(/^Time/).inputValue()).resolves.toBe('06:45');

    const tabTo = async (name: string | RegExp, max = 20) => {
      for (let i = 0; i < max; i++) {
        await page.keyboard.press('Tab');
        const f = await focused(page);
        if (typeof name === 'string' ? f.name === name : name.test(f.name)) return;
      }
      throw new Error(`Tab never reached ${String(name)}`);
    };
    await tabTo('Saturday');
    await page.keyboard.press('Space');
    await tabTo('Sunday');
    await page.keyboard.press('Space');
    await expect(form.getByRole('button', { name: 'Saturday' }).getAttribute('aria-pressed')).resolves.toBe('true');
    await tabTo('Label');
    await page.keyboard.type('Weekend run');
    await page.keyboard.press('Enter'); // implicit submission from the text field

    await conversation(page).getByText(/^Alarm "Weekend run" set for 6:45 AM every/).waitFor({ timeout: 15_000 });
    // After the submission the keyboard is back in the message box, ready for the next message.
    await eventually(async () => expect(await focused(page)).toMatchObject({ tag: 'textarea', id: 'composer-input' }));

    const alarms = await serverAlarms(server.url, page);
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toMatchObject({ time: '06:45', repeat: ['sat', 'sun'], label: 'Weekend run' });
    expect(pageErrors).toEqual([]);
  }, 45_000);

  it('reload mid-conversation: the same chat, its history replayed once, the open form still works', async () => {
    const { page, pageErrors } = await freshPage();
    await openApp(page, server.url);
    await send(page, 'list my alarms');
    await conversation(page).getByText(/^You don't have any alarms yet/).waitFor();
    await page.getByRole('region', { name: 'Your alarms' }).waitFor();
    await send(page, 'set an alarm');
    const form = page.getByRole('form', { name: 'New alarm' });
    await form.waitFor();
    const chatId = await currentChatId(page);
    const rowsBefore = await conversationRows(page);
    expect(rowsBefore).toBe(4); // user, turn, user, turn

    await page.reload();
    await page.getByTestId('connection-status').filter({ hasText: 'Connected' }).waitFor();
    await form.waitFor();
    // Give a second replay (reconnect, StrictMode, a late join) time to show up if there were one.
    await page.waitForTimeout(1_500);

    expect(await currentChatId(page)).toBe(chatId);
    expect(await conversationRows(page)).toBe(rowsBefore);
    await expect(userMessages(page).count()).resolves.toBe(2);
    await expect(userMessages(page).filter({ hasText: 'set an alarm' }).count()).resolves.toBe(1);
    await expect(page.getByRole('form', { name: 'New alarm' }).count()).resolves.toBe(1);
    await expect(conversation(page).getByText('What time should I set the alarm for?').count()).resolves.toBe(1);
    await expect(page.getByRole('button', { name: /^Thought for/ }).count()).resolves.toBe(2);
    await intentBar(page).filter({ hasText: 'Needs time' }).waitFor();
    // The chat list holds this one chat, marked current.
    await expect(page.getByRole('navigation', { name: 'Chats' }).getByRole('listitem').count()).resolves.toBe(1);

    // The replayed form is live: finish the alarm after the reload.
    await form.getByLabel(/^Time/).fill('08:00');
    await form.getByRole('button', { name: 'Set alarm' }).click();
    await conversation(page).getByText(/^Alarm set for 8:00 AM/).waitFor({ timeout: 15_000 });

    // The page and the server's log agree: each user event shown exactly once.
    const history = await serverHistory(server.url, page);
    const users = history.filter((e) => e.type === 'user');
    expect(users).toHaveLength(3); // two typed, one from the form
    await eventually(async () => expect(await userMessages(page).count()).toBe(users.length));
    const finals = history.filter((e) => e.type === 'response' && e.final);
    await expect(page.locator('.msg--assistant .response').count()).resolves.toBe(finals.length);
    expect(pageErrors).toEqual([]);
  }, 60_000);
});

/** Rows in the conversation (each user message and each assistant turn is one). */
function conversationRows(page: Page): Promise<number> {
  return page.getByRole('region', { name: 'Conversation' }).getByRole('listitem').and(page.locator('.messages__row')).count();
}
