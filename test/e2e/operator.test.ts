import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/test-server';
import { describeInBrowser, launchBrowser, newPage } from './support/browser';
import { conversation, currentChatId, eventually, openApp, screenshot, send } from './support/app';

const PASSWORD = 'e2e-operator-password';

/** The operator console's parts, by role and label. */
const op = {
  chatRow: (page: Page, chatId: string) => page.locator(`button.op-chat[data-chat-id="${chatId}"]`),
  transcript: (page: Page) => page.getByRole('region', { name: /^Conversation with/ }),
  status: (page: Page) => page.locator('.op-topbar .conn__label'),
  answerBox: (page: Page) => page.getByRole('textbox', { name: 'Answer as Dana' }),
};

async function signIn(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/operator`);
  await page.getByLabel('Your name').fill('Dana');
  await page.getByLabel('Operator password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await op.status(page).filter({ hasText: 'Live' }).waitFor();
}

const textOf = (l: Locator) => l.innerText();

describeInBrowser('operator console in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let operator: Page;
  let person: Page;
  let operatorErrors: string[];
  let personErrors: string[];
  let chatId: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer('pglite', { OPERATOR_PASSWORD: PASSWORD }), launchBrowser()]);
    const o = await newPage(browser);
    const p = await newPage(browser, { viewport: { width: 900, height: 800 } });
    contexts.push(o.context, p.context);
    [operator, operatorErrors, person, personErrors] = [o.page, o.pageErrors, p.page, p.pageErrors];
  }, 60_000);

  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    await browser?.close();
    await server?.stop();
  });

  it('refuses a wrong password with the server\'s message', async () => {
    await operator.goto(`${server.url}/operator`);
    await operator.getByLabel('Your name').fill('Dana');
    await operator.getByLabel('Operator password').fill('not-it');
    await operator.getByRole('button', { name: 'Sign in' }).click();
    await expect(textOf(operator.getByRole('alert'))).resolves.toMatch(/wrong operator password/i);
  });

  it('sees a new chat appear live and watches it, thinking steps included', async () => {
    await signIn(operator, server.url);
    await openApp(person, server.url);
    chatId = (await currentChatId(person))!;
    await send(person, 'set an alarm');

    const row = op.chatRow(operator, chatId);
    await eventually(async () => expect(await row.innerText()).toMatch(/What time/i), 10_000);
    await eventually(async () => expect(await row.innerText()).toMatch(/New alarm\s*In progress/), 10_000);
    expect(await row.locator('.op-dot--online').count()).toBe(1);

    await row.click();
    const transcript = op.transcript(operator);
    await eventually(async () => expect(await transcript.innerText()).toContain('set an alarm'));
    // The thinking steps of the turn, collapsed into "Thought for …", open on demand.
    await transcript.getByRole('button', { name: /Thought for/ }).first().click();
    const steps = await transcript.getByRole('list', { name: 'Thinking steps' }).first().innerText();
    expect(steps).toContain('Intent recognized: create_alarm');
    // The person's form is shown, but an observer cannot use it.
    expect(await transcript.locator('fieldset[disabled] input').count()).toBeGreaterThan(0);
    expect(await transcript.locator('fieldset input').first().isDisabled()).toBe(true);
  });

  it('takes over, answers as Dana, the person sees it; hands back and the assistant completes', async () => {
    await operator.getByRole('button', { name: 'Take over' }).click();
    await eventually(async () => expect(await conversation(person).innerText()).toContain('Dana joined the conversation.'));

    const box = op.answerBox(operator);
    await eventually(async () => expect(await box.evaluate((el: { ownerDocument: { activeElement: unknown } }) => el === el.ownerDocument.activeElement)).toBe(true));
    await box.fill('Hi, Dana here. What time should the alarm ring?');
    await box.press('Enter');
    await eventually(async () => expect(await box.inputValue()).toBe(''));

    const bubble = person.locator('.msg--operator');
    await bubble.waitFor();
    expect(await bubble.innerText()).toMatch(/^Dana · operator[\s\S]*Hi, Dana here\. What time should the alarm ring\?$/);

    await operator.getByRole('button', { name: 'Hand back' }).click();
    await eventually(async () => expect(await conversation(person).innerText()).toContain('handed the conversation back'));
    await send(person, 'at 7am');
    await eventually(async () => expect(await conversation(person).innerText()).toMatch(/7:00 AM/), 10_000);
    // The operator watched it happen, and the chat's intent is done.
    await eventually(async () => expect(await op.transcript(operator).innerText()).toMatch(/7:00 AM/), 10_000);
    await eventually(async () => expect(await op.chatRow(operator, chatId).innerText()).toMatch(/New alarm\s*Done/), 10_000);
  });

  it('marks what an offline person has not received yet, and replays the chat from the start', async () => {
    await person.close();
    const row = op.chatRow(operator, chatId);
    await eventually(async () => expect(await row.locator('.op-dot--online').count()).toBe(0), 10_000);

    await operator.getByRole('button', { name: 'Take over' }).click();
    const box = op.answerBox(operator);
    await box.fill('Your alarm is set for 7:00 AM. Anything else?');
    await box.press('Enter');
    const transcript = op.transcript(operator);
    await eventually(async () => expect(await transcript.locator('.op-undelivered').count()).toBeGreaterThan(0), 10_000);
    expect(await operator.locator('.op-note--warning').innerText()).toMatch(/not reached the person yet \(offline\)/);
    await screenshot(operator, 'operator.png');

    await operator.getByRole('button', { name: 'Replay from start' }).click();
    await operator.getByRole('status').filter({ hasText: /Replaying from the start/ }).waitFor();
    await operator.getByRole('button', { name: 'Skip to live' }).click();
    await eventually(async () => expect(await transcript.innerText()).toContain('Anything else?'));
  });

  it('shows the intent funnel for the last 24 hours', async () => {
    await operator.getByRole('button', { name: 'Intent funnel' }).click();
    const stats = operator.locator('.op-stats');
    await eventually(async () => expect(await stats.innerText()).toMatch(/Started\s*1/));
    expect(await stats.innerText()).toMatch(/Completed\s*1\s*100%/);
    expect(await stats.innerText()).toMatch(/Time to complete/);
    await operator.getByRole('radio', { name: 'Last 7 days' }).check();
    await eventually(async () => expect(await operator.locator('.op-funnel__range').innerText()).toMatch(/1 intent started/));
    await screenshot(operator, 'operator-funnel.png');
  });

  it('fits a phone in the dark theme: the list, then the chat with a way back', async () => {
    await operator.setViewportSize({ width: 390, height: 844 });
    await operator.emulateMedia({ colorScheme: 'dark' });
    await operator.getByRole('button', { name: 'Live chats' }).click();
    // The chat is still open: on a phone it fills the screen, with Back to the list.
    await op.transcript(operator).waitFor();
    expect(await operator.locator('.op-chats').isVisible()).toBe(false);
    const overflow = await operator.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(operator, 'operator-phone-dark.png');
    await operator.getByRole('button', { name: 'Back to the chat list' }).click();
    await op.chatRow(operator, chatId).waitFor();
    expect(await op.transcript(operator).count()).toBe(0);
    expect(operatorErrors).toEqual([]);
    expect(personErrors).toEqual([]);
  });
});
