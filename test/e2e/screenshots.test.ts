import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/test-server';
import { describeInBrowser, launchBrowser, newPage, type PageOptions } from './support/browser';
import { conversation, intentBar, openApp, screenshot, send, settle } from './support/app';
import { contrastFailures, horizontalOverflow } from './support/layout';
import type { Loose } from './support/page-globals';

/**
 * The main states, photographed for the README (UPDATE_SCREENSHOTS=1 writes docs/screenshots)
 * and checked for what a picture would show wrong: text below WCAG AA contrast as painted,
 * content wider than a phone, an alarm card whose parts don't sit together.
 */
describeInBrowser('screenshots of the main states', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer('pglite'), launchBrowser()]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
    await server?.stop();
  });

  async function open(opts: PageOptions = {}): Promise<{ page: Page; pageErrors: string[] }> {
    const { context, page, pageErrors } = await newPage(browser, opts);
    contexts.push(context);
    await openApp(page, server.url);
    return { page, pageErrors };
  }

  async function turn(page: Page, text: string, reply: RegExp): Promise<void> {
    await send(page, text);
    await conversation(page).getByText(reply).waitFor({ timeout: 15_000 });
  }

  const expectReadable = async (page: Page) => expect(await contrastFailures(page)).toEqual([]);

  it('desktop: a finished create_alarm turn with its steps open; then the alarms card', async () => {
    const { page, pageErrors } = await open();
    await turn(page, 'wake me up at 6:30 tomorrow', /^Alarm set for 6:30 AM tomorrow/);
    await page.getByRole('button', { name: /^Thought for/ }).click();
    await page.getByRole('list', { name: 'Thinking steps' }).waitFor();
    await settle(page);
    await expectReadable(page);
    await screenshot(page, 'chat-desktop.png');

    await page.getByRole('button', { name: /^Thought for/ }).click(); // fold it again
    await turn(page, 'wake me up every weekday at 7:15 for work', /^Alarm "work" set for 7:15 AM|^Alarm set for 7:15 AM/);
    await turn(page, 'show my alarms', /^You have 2 alarms/);
    const card = page.getByRole('region', { name: /^Your alarms/ });
    await card.waitFor();
    await settle(page);
    await expectReadable(page);
    // Each alarm's row: title, "On" badge hugging its text, the Enabled switch and Delete beside them.
    const box = (await card.boundingBox())!;
    const badges = card.getByText('On', { exact: true });
    await expect(badges.count()).resolves.toBe(2);
    for (const b of await badges.all()) expect((await b.boundingBox())!.width).toBeLessThan(60);
    const title = (await card.getByRole('heading', { name: /6:30 AM/ }).boundingBox())!;
    const del = (await card.getByRole('button', { name: 'Delete' }).first().boundingBox())!;
    expect(del.y).toBeLessThan(title.y + title.height + 30); // same row, not wrapped below
    for (const el of await card.locator('*').all()) {
      const r = await el.boundingBox();
      if (r && r.width > 0) expect(r.x + r.width).toBeLessThanOrEqual(box.x + box.width + 0.5);
    }
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'alarms-card.png');
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('desktop: the follow-up question with its form', async () => {
    const { page, pageErrors } = await open();
    await turn(page, 'set an alarm', /^What time should I set the alarm for\?/);
    const form = page.getByRole('form', { name: 'New alarm' });
    await form.waitFor();
    await form.getByLabel('Label').fill('Gym');
    await form.getByRole('button', { name: 'Monday' }).click();
    await form.getByRole('button', { name: 'Wednesday' }).click();
    await form.getByLabel(/^Time/).focus();
    await settle(page);
    await expectReadable(page);
    await screenshot(page, 'form.png');
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('phone (375 x 740): nothing wider than the screen, one-line intent bar, the chat list is a drawer', async () => {
    const { page, pageErrors } = await open({ viewport: { width: 375, height: 740 }, isMobile: true });
    const fits = async () => {
      await settle(page);
      const overflow = await horizontalOverflow(page);
      expect(overflow.offenders).toEqual([]);
      expect(overflow.scrollWidth).toBeLessThanOrEqual(375);
      await expectReadable(page);
    };
    await turn(page, 'wake me up at 6:30 tomorrow', /^Alarm set for 6:30 AM tomorrow/);
    await page.getByRole('button', { name: /^Thought for/ }).click();
    await turn(page, 'show my alarms', /^You have 1 alarm/);
    await page.getByRole('region', { name: /^Your alarms/ }).waitFor();
    await fits();
    await screenshot(page, 'phone.png');

    await turn(page, 'set an alarm', /^What time should I set the alarm for\?/);
    await page.getByRole('form', { name: 'New alarm' }).waitFor();
    await fits();
    // The intent bar stays one line: name, a one-line "In progress" pill, Cancel.
    const bar = (await intentBar(page).boundingBox())!;
    expect(bar.height).toBeLessThan(52);
    expect((await intentBar(page).getByText('In progress').boundingBox())!.height).toBeLessThan(26);

    // Closed, the chat list is out of sight and out of the accessibility tree and the tab order.
    const menu = page.getByRole('button', { name: 'Chats' });
    await expect(menu.getAttribute('aria-expanded')).resolves.toBe('false');
    await expect(page.getByRole('button', { name: /New chat/ }).count()).resolves.toBe(0);
    await menu.click();
    await expect(menu.getAttribute('aria-expanded')).resolves.toBe('true');
    const newChat = page.getByRole('button', { name: /New chat/ });
    await newChat.waitFor();
    await settle(page);
    expect((await newChat.boundingBox())!.x).toBeGreaterThanOrEqual(0);
    // Focus goes into the drawer; Escape closes it and gives focus back to the menu button.
    await expect(newChat.evaluate((el) => el === (globalThis as Loose).document.activeElement)).resolves.toBe(true);
    await page.keyboard.press('Escape');
    await expect(menu.getAttribute('aria-expanded')).resolves.toBe('false');
    await expect(menu.evaluate((el) => el === (globalThis as Loose).document.activeElement)).resolves.toBe(true);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('dark theme: the system preference is followed, the toggle cycles it, text stays readable', async () => {
    const { page, pageErrors } = await open({ colorScheme: 'dark' });
    // What the conversation is painted on: the first ancestor with a background colour.
    const background = () => page.evaluate(() => {
      const { document, getComputedStyle } = globalThis as Loose;
      for (let e = document.querySelector('[aria-label="Conversation"]'); e; e = e.parentElement) {
        const bg: string = getComputedStyle(e).backgroundColor;
        if (bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent') return bg;
      }
      return 'none';
    });
    const dark = await background();
    expect(dark).toMatch(/^rgb\((\d{1,2}), (\d{1,2}), (\d{1,2})\)$/); // near black
    await turn(page, 'wake me up at 6:30 tomorrow', /^Alarm set for 6:30 AM tomorrow/);
    await page.getByRole('button', { name: /^Thought for/ }).click(); // open the steps
    await turn(page, 'show my alarms', /^You have 1 alarm/);
    await page.getByRole('region', { name: /^Your alarms/ }).waitFor();
    await settle(page);
    await expectReadable(page);
    await screenshot(page, 'dark.png');
    await turn(page, 'set an alarm', /^What time should I set the alarm for\?/);
    await page.getByRole('form', { name: 'New alarm' }).waitFor();
    await settle(page);
    await expectReadable(page);

    // Auto -> Light -> Dark: data-theme on <html> overrides the system.
    const toggle = page.getByRole('button', { name: /^Theme: Auto/ });
    await toggle.click();
    await expect(page.evaluate(() => (globalThis as Loose).document.documentElement.dataset.theme as string | undefined)).resolves.toBe('light');
    expect(await background()).not.toBe(dark);
    await settle(page);
    await expectReadable(page);
    await page.getByRole('button', { name: /^Theme: Light/ }).click();
    await expect(page.evaluate(() => (globalThis as Loose).document.documentElement.dataset.theme as string | undefined)).resolves.toBe('dark');
    expect(await background()).toBe(dark);
    // The choice survives a reload.
    await page.reload();
    await page.getByRole('button', { name: /^Theme: Dark/ }).waitFor();
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
