import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, logIn, type RunningBanzu, screenshot, startBanzu } from './index';

/** A bound against a hang, not a speed requirement: how far the grid lags the desktop is printed, not judged. */
const FOLLOW_TIMEOUT_MS = 30_000;
/** How long one step of bringing the agent to not ready waits for its control before reading the state again. */
const STEP_TIMEOUT_MS = 5_000;
/** The demo's agent and that agent's team leader (客服一组). */
const AGENT = '8001';
const LEADER = 'leader1';

describe('in a real browser: an agent takes a call while the team leader watches the grid', () => {
  let banzu: RunningBanzu;
  let browser: Browser;
  let agent: Page;
  let leader: Page;
  const lags: Record<string, number> = {};

  /** Logs in at a browser that counts the ringing tones the page plays (the alert is audible). */
  const logInCountingTones = (username: string, home: string) =>
    logIn(browser, banzu, username, {
      timeout: 30_000,
      home: new RegExp(`${home}$`),
      prepare: (page) =>
        page.addInitScript(() => {
          const w = window as unknown as { tones: number };
          w.tones = 0;
          const create = AudioContext.prototype.createOscillator;
          AudioContext.prototype.createOscillator = function (this: AudioContext) {
            w.tones++;
            return create.call(this);
          };
        }),
    });

  const agentStatus = () => agent.locator('.state-bar').getAttribute('data-status', { timeout: 30_000 });
  const leaderCard = () => leader.locator(`[data-agent="${AGENT}"]`);

  /** Waits for the team leader's card of the agent to show `text`, and notes how long after `since` it did. */
  async function leaderSees(step: string, text: RegExp, since: number) {
    await leaderCard().locator('.agent-status').filter({ hasText: text }).waitFor({ timeout: FOLLOW_TIMEOUT_MS });
    lags[step] = Date.now() - since;
  }

  async function pickReason(opener: string, reason: string) {
    await agent.getByRole('button', { name: new RegExp(opener) }).click({ timeout: STEP_TIMEOUT_MS });
    await agent.getByRole('menuitem', { name: reason }).click({ timeout: STEP_TIMEOUT_MS });
  }

  beforeAll(async () => {
    // Heavy traffic so callers are always there; the demo's simulated agents take most of it.
    banzu = await startBanzu({ BANZU_SIM_LOAD: '4' });
    const admin = (await banzu.json<{ token: string }>(null, 'POST', '/api/v1/auth/login', { username: 'admin', password: banzu.adminPassword })).token;
    // Every queue offers to its agents top-down in 工号 order, so a ready 8001 is the first choice;
    // calls ring long and wrap-up lasts, so a slow machine does not miss them.
    for (const q of await banzu.json<{ id: string; routing: Record<string, unknown> }[]>(admin, 'GET', '/api/v1/queues')) {
      await banzu.json(admin, 'PATCH', `/api/v1/queues/${q.id}`, { routing: { ...q.routing, strategy: 'linear', ringTimeoutSeconds: 120, wrapUpSeconds: 300 } });
    }
    browser = await launchChromium();
    leader = await logInCountingTones(LEADER, '/wallboard');
    agent = await logInCountingTones(AGENT, '/desktop');
    await leaderCard().waitFor({ timeout: 30_000 });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await banzu?.stop();
  }, 60_000);

  it('ready, ringing with sound, answer, hang up, wrap-up with a disposition: each state follows on the leader’s grid', async () => {
    // The simulation drove 8001 until now; the first thing done at the desktop takes the agent over.
    // Bring the agent to not ready from whatever the simulation left.
    for (let step = 0; (await agentStatus()) !== 'not_ready'; step++) {
      expect(step, 'the agent reaches not ready').toBeLessThan(20);
      const status = await agentStatus();
      // Until the agent is taken over, the simulation may move on between reading the state and
      // clicking (answer a ringing call itself, say): a control that went away is read again, not waited for.
      const settle = (action: Promise<unknown>) => action.catch(() => {});
      if (status === 'ringing') await settle(agent.getByTestId('answer').click({ timeout: STEP_TIMEOUT_MS }));
      else if (status === 'talking' || status === 'on_hold') await settle(agent.getByRole('button', { name: /挂断/ }).click({ timeout: STEP_TIMEOUT_MS }));
      else if (status === 'logged_out') await settle(pickReason('签入示忙', '小休'));
      else if (status === 'ready' || status === 'wrap_up') await settle(pickReason('示忙', '小休'));
      await agent.waitForFunction((was) => document.querySelector('.state-bar')?.getAttribute('data-status') !== was, status, { timeout: 10_000 }).catch(() => {});
    }
    await leaderSees('not ready', /示忙/, Date.now());

    // Ready: the router offers the next caller at once, so the leader may already see it ringing.
    let since = Date.now();
    await agent.getByRole('button', { name: /置闲/ }).click();
    await leaderSees('ready', /空闲|振铃/, since);

    const alert = agent.locator('.incoming-call');
    await alert.waitFor({ timeout: 30_000 });
    since = Date.now();
    expect(await alert.textContent()).toMatch(/来电振铃：.+队列：/);
    await leaderSees('ringing', /振铃/, since);
    await agent.waitForFunction(() => (window as unknown as { tones: number }).tones > 0, null, { timeout: 5_000 });

    since = Date.now();
    await agent.getByTestId('answer').click();
    await leaderSees('talking', /通话中/, since);
    await expect.poll(() => alert.count()).toBe(0);
    await agent.getByRole('button', { name: /挂断/ }).waitFor();

    // Hang up with the keyboard shortcut written on the desktop.
    since = Date.now();
    await agent.keyboard.press('Control+Backspace');
    await leaderSees('wrap-up', /事后处理/, since);

    const left = async () => {
      const [m, s] = (await agent.getByTestId('wrap-up-left').textContent())!.split(':').map(Number);
      return m! * 60 + s!;
    };
    const before = await left();
    await agent.getByRole('button', { name: /延长 30 秒/ }).click();
    await expect.poll(left, { timeout: 5_000 }).toBeGreaterThan(before + 20);

    const form = agent.locator('.wrap-up-form');
    await form.locator('.ant-select').click();
    await agent.locator('.ant-select-dropdown .ant-select-item-option').first().click();
    await form.getByRole('textbox').fill('客户咨询套餐资费，已解答');
    await screenshot(agent, 'agent-wrap-up', false);
    await screenshot(leader, 'leader-wrap-up');

    since = Date.now();
    await form.getByRole('button', { name: '保存并完成' }).click();
    // Finished wrap-up makes the agent ready, and the next caller may ring at once.
    await leaderSees('wrap-up finished', /空闲|振铃/, since);
    await form.waitFor({ state: 'detached', timeout: 5_000 });

    await screenshot(agent, 'agent', false);
    await screenshot(leader, 'leader');
    console.log(`team leader's grid behind the desktop, ms: ${JSON.stringify(lags)}`);
  }, 120_000);
});
