import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { choose, launchChromium, logIn, type RunningBanzu, screenshot, screenshotsOnFailure, sleep, startBanzu } from './index';

/** Bounds against a hang on a busy machine, not speed requirements. */
const SEE_TIMEOUT_MS = 90_000;
/** How long the simulated telemarketers get to have a dial under way: each dials within seconds of being ready. */
const TWIN_DIAL_TIMEOUT_MS = 180_000;
/** The demo's telemarketers (电话营销组) whose simulated twins work the running campaign. */
const TELEMARKETERS = ['8040', '8042'];

interface PendingDial {
  callId: string;
  connected: boolean;
  ended: boolean;
}

interface Handed {
  task: { customer: { id: string; name: string }; dial: PendingDial | null } | null;
}

describe('in a real browser: a telemarketer takes over a busy twin and goes on (issue 20)', () => {
  let banzu: RunningBanzu;
  let browser: Browser;
  let page: Page;
  /** The telemarketer who took over, the token of that person's desk, and the twin's customer. */
  let telemarketer = '';
  let token = '';
  let twinsCustomer = '';
  /** Calls the agent put down with 挂断 (the others the customer's line ended first), printed. */
  let hungUp = 0;
  /** Every refusal the campaign desk answered the page with: an agent who is never trapped meets none. */
  const refusals: string[] = [];

  /**
   * Waits, through the API, until a twin has a dial whose result is due (its campaign call under
   * way, or just over), and takes that desk over at once by asking for the next customer as a person
   * does: the pending dial comes back, and the simulation no longer acts for that agent. A browser
   * login takes seconds, in which a busy line would end and the twin save its own result.
   */
  async function takeOverABusyTwin(): Promise<void> {
    const tokens = new Map<string, string>();
    for (const username of TELEMARKETERS) tokens.set(username, (await banzu.desk(username)).token);
    const deadline = Date.now() + TWIN_DIAL_TIMEOUT_MS;
    for (;;) {
      for (const [username, bearer] of tokens) {
        // Reading the progress leaves the desk to the simulation.
        if (!(await banzu.json<{ resultDue?: boolean }>(bearer, 'GET', '/api/v1/campaigns/my/progress')).resultDue) continue;
        const handed = await banzu.json<Handed>(bearer, 'POST', '/api/v1/campaigns/tasks/next');
        if (!handed.task?.dial) throw new Error(`${username}'s twin had a dial due, but the person taking over was handed ${JSON.stringify(handed.task)}`);
        telemarketer = username;
        token = bearer;
        twinsCustomer = handed.task.customer.name;
        const { connected, ended } = handed.task.dial;
        console.log(`${username} taken over with the twin's dial ${ended ? 'over' : connected ? 'talking' : 'ringing out'}`);
        return;
      }
      if (Date.now() > deadline)
        throw new Error(`no simulated telemarketer (${TELEMARKETERS.join(', ')}) had a campaign dial under way within ${TWIN_DIAL_TIMEOUT_MS / 1000} s\n${banzu.output()}`);
      await sleep(300);
    }
  }

  /** The desktop's 外呼任务 card. */
  const panel = (): Locator => page.locator('.ant-card').filter({ has: page.locator('.ant-card-head-title', { hasText: /^外呼任务$/ }) });
  const customerShown = async (): Promise<string> => (await panel().locator('.ant-descriptions-item-content strong').first().textContent()) ?? '';
  /** The task card's 拨打 and 跳过, and the call's 挂断 (an icon names itself first in a button with one: "phone 拨打"). */
  const dialButton = (): Locator => panel().getByRole('button', { name: /(^|\s)拨\s?打$/ });
  const skipButton = (): Locator => panel().getByRole('button', { name: /^跳\s?过$/ });
  const onACall = () => page.locator('.state-bar[data-status="dialing"], .state-bar[data-status="talking"]');

  /** The pending dial as the desk knows it (asking again for the next customer hands back the same dial while its result is due). */
  const pendingDial = async (): Promise<PendingDial | null> => (await banzu.json<Handed>(token, 'POST', '/api/v1/campaigns/tasks/next')).task?.dial ?? null;

  /**
   * The agent puts the call down with 挂断 while it is on; a customer whose line was busy, or who
   * hung up first, ends it without the agent. Resolves once the desk knows the dial is over.
   */
  async function hangUpIfOn(): Promise<void> {
    const deadline = Date.now() + SEE_TIMEOUT_MS;
    while (!(await pendingDial())?.ended) {
      if (Date.now() > deadline) throw new Error('the dial did not end');
      // The button goes away when the customer ends the call first.
      if (await onACall().isVisible()) {
        await page
          .getByRole('button', { name: /(^|\s)挂\s?断$/ })
          .click({ timeout: 5_000 })
          .then(
            () => hungUp++,
            () => {},
          );
      }
      await sleep(300);
    }
  }

  /**
   * The pending dial's result form: a result that fits how the call went (only the results without a
   * conversation, and why, when nobody picked up), saved; the card then offers 下一个客户.
   */
  async function saveTheResult(step: string): Promise<void> {
    const dial = await pendingDial();
    expect(dial?.ended, 'the dial is over once the call is').toBe(true);
    const form = panel().locator('form');
    if (!dial!.connected)
      await form
        .getByTestId('not-connected')
        .filter({ hasText: /^客户没有接通.*只能保存未接通的结果。$/ })
        .waitFor();
    await choose(page, form.getByTestId('result'), dial!.connected ? /^无意向$/ : /^(无人接听|占线|空号停机)$/);
    await screenshot(page, `telemarketing-${step}-result`, false);
    await form.getByRole('button', { name: /^保存(结果|并结束话后)$/ }).click();
    await panel().getByRole('button', { name: '下一个客户' }).waitFor();
    await form.waitFor({ state: 'detached' });
  }

  screenshotsOnFailure('telemarketing', () => browser);

  beforeAll(async () => {
    banzu = await startBanzu();
    browser = await launchChromium();
    await takeOverABusyTwin();
    page = await logIn(browser, banzu, telemarketer, {
      timeout: SEE_TIMEOUT_MS,
      home: /\/desktop$/,
      prepare: async (p) =>
        p.on('response', (r) => {
          if (r.url().includes('/api/v1/campaigns/') && r.status() >= 400) refusals.push(`${r.request().method()} ${new URL(r.url()).pathname}: ${r.status()}`);
        }),
    });
  }, 600_000);

  afterAll(async () => {
    console.log(`calls the agent put down with 挂断: ${hungUp} of 2`);
    await browser?.close();
    await banzu?.stop();
  }, 60_000);

  it('the desk opens with the twin’s customer and the dial’s result form, not 拨打 and 跳过; the call put down, the result is saved', async () => {
    const form = panel().locator('form');
    await form.getByText('结果', { exact: true }).waitFor();
    expect(await customerShown()).toBe(twinsCustomer);
    expect(
      await panel()
        .locator('.ant-tag', { hasText: /^进行中$/ })
        .isVisible(),
    ).toBe(true);
    expect(await dialButton().count(), 'no 拨打 while a result is due').toBe(0);
    expect(await skipButton().count(), 'no 跳过 while a result is due').toBe(0);
    await screenshot(page, 'telemarketing-taken-over', false);

    await hangUpIfOn();
    await saveTheResult('twin');
    expect(refusals).toEqual([]);
  }, 300_000);

  it('下一个客户 brings another customer, who is dialled, hung up on and given a result: the agent goes on', async () => {
    await panel().getByRole('button', { name: '下一个客户' }).click();
    const dial = dialButton();
    await dial.waitFor();
    const next = await customerShown();
    expect(next).not.toBe(twinsCustomer);
    expect(await skipButton().isVisible()).toBe(true);

    await dial.click();
    await panel().getByText('结果', { exact: true }).waitFor();
    expect(await customerShown()).toBe(next);
    await hangUpIfOn();
    await saveTheResult('next');
    expect(refusals).toEqual([]);
    await screenshot(page, 'telemarketing-next');
  }, 300_000);
});
