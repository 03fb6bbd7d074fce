import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportCall } from '@banzu/contract';
import { answerRinging, type Desk, launchChromium, logIn, type RunningBanzu, screenshot, startBanzu, takeOver } from './index';

/** Bounds against a hang on a busy machine, not speed requirements. */
const SEE_TIMEOUT_MS = 60_000;
/** The demo's agent at the browser, the colleague (same team, 客服一组) a person drives through the API, and their team leader. */
const AGENT = '8001';
const COLLEAGUE = '8002';
const LEADER = 'leader1';

describe('in a real browser: transfers that end, and the console at phone width (issue 20)', () => {
  let banzu: RunningBanzu;
  let browser: Browser;
  let agent: Page;
  let me: Desk;
  let colleague: Desk;
  let manager: string;
  let consultCallId = '';
  const startedAt = Date.now();

  /** Makes the colleague ready and, at once, runs `start` toward them; a queue call that reached the colleague first is put down and it is tried again. */
  async function towardColleague(start: () => Promise<Response>): Promise<void> {
    for (let attempt = 0; attempt < 10; attempt++) {
      await banzu.json(colleague.token, 'POST', '/api/v1/desktop/state', { status: 'ready' });
      if ((await start()).ok) return;
      await takeOver(banzu, colleague);
    }
    throw new Error('the colleague was never free for the transfer');
  }

  /** Ends the agent's wrap-up as the center requires (a disposition before ready): saved with the form. */
  async function finishWrapUp(): Promise<void> {
    const form = agent.locator('.wrap-up-form');
    await form.locator('.ant-select').click();
    await agent.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await form.getByRole('button', { name: '保存并完成' }).click();
  }

  /** The agent at the browser takes the next call that rings. */
  async function answerNextCall(): Promise<void> {
    if (await agent.locator('.wrap-up-form').isVisible()) await finishWrapUp();
    else
      await agent
        .getByRole('button', { name: /置\s?闲/ })
        .first()
        .click();
    await answerRinging(agent, 3 * SEE_TIMEOUT_MS);
  }

  /** The call the two agents shared, once its record has ended (the reports projection follows the log a moment behind). */
  async function endedCallOf(agentIds: string[], except: string[] = []): Promise<ReportCall> {
    const day = (offset: number) => new Date(startedAt + offset * 86_400_000).toISOString().slice(0, 10);
    const deadline = Date.now() + SEE_TIMEOUT_MS;
    for (;;) {
      const calls = await banzu.json<ReportCall[]>(manager, 'GET', `/api/v1/reports/calls?from=${day(-1)}&to=${day(1)}&limit=5000`);
      const shared = calls.find((c) => !except.includes(c.callId) && agentIds.every((id) => c.record.legs.some((l) => l.agentId === id)));
      if (shared?.endedAt) return shared;
      if (Date.now() > deadline) throw new Error(`no ended call of ${agentIds.join(' and ')} in the records`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }

  beforeAll(async () => {
    // The demo's traffic follows a weekday by the center's clock: at night in Shanghai a call is rare, so the load is raised to the most.
    banzu = await startBanzu({ BANZU_SIM_LOAD: '20' });
    browser = await launchChromium();
    manager = (await banzu.desk('manager')).token;
    me = await banzu.desk(AGENT);
    colleague = await banzu.desk(COLLEAGUE);
    await takeOver(banzu, me);
    await takeOver(banzu, colleague);
    agent = await logIn(browser, banzu, AGENT, { timeout: SEE_TIMEOUT_MS });
    await agent.locator('.state-bar[data-status="not_ready"]').waitFor({ timeout: SEE_TIMEOUT_MS });
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await banzu?.stop();
  });

  it('a consult transfer shows 正在咨询 with cancel while the colleague rings, completes, and the call ends with both agents back to a state', async () => {
    await answerNextCall();
    await towardColleague(() => banzu.api(me.token, 'POST', '/api/v1/desktop/transfer', { mode: 'consult', to: { agentId: colleague.id } }));
    const consult = agent.locator('.consult-status');
    await consult.filter({ hasText: /正在咨询 .+…对方振铃中/ }).waitFor({ timeout: SEE_TIMEOUT_MS });
    expect(await consult.getByRole('button', { name: '取消咨询' }).isVisible()).toBe(true);
    expect(await agent.getByRole('button', { name: /挂断并转接/ }).isVisible()).toBe(true);
    await screenshot(agent, 'consulting', false);

    await banzu.json(colleague.token, 'POST', '/api/v1/desktop/answer');
    await consult.filter({ hasText: /正在与 .+ 咨询/ }).waitFor({ timeout: SEE_TIMEOUT_MS });
    await agent.getByRole('button', { name: '完成转接' }).click();
    await agent.locator('.state-bar[data-status="wrap_up"]').waitFor({ timeout: SEE_TIMEOUT_MS });

    await banzu.json(colleague.token, 'POST', '/api/v1/desktop/hang-up');
    const call = await endedCallOf([me.id, colleague.id]);
    expect(call.record.legs.find((l) => l.agentId === colleague.id)?.answeredAt).not.toBeNull();
    // Both are back to a state a person can leave: the colleague in wrap-up can go not ready, the agent finishes wrap-up.
    await banzu.json(colleague.token, 'POST', '/api/v1/desktop/state', { status: 'not_ready', reason: 'break' });
    consultCallId = call.callId;
  }, 300_000);

  it('a blind transfer to a colleague ends too: the call is recorded with its end and both agents leave it', async () => {
    // The demo's callers include very short calls: one may hang up before the transfer or while the
    // colleague's phone rings, and then there is nothing to transfer or answer; it is tried on the next call.
    for (let attempt = 1; ; attempt++) {
      await answerNextCall();
      const transferred = await towardColleague(() => banzu.api(me.token, 'POST', '/api/v1/desktop/transfer', { mode: 'blind', to: { agentId: colleague.id } })).then(
        () => true,
        (err: Error) => {
          if (attempt === 3) throw err;
          return false;
        },
      );
      // A call that could not be transferred is put down, and the next one is tried.
      if (!transferred) await banzu.api(me.token, 'POST', '/api/v1/desktop/hang-up');
      await agent.locator('.state-bar[data-status="wrap_up"]').waitFor({ timeout: SEE_TIMEOUT_MS });
      const answered = transferred ? await banzu.api(colleague.token, 'POST', '/api/v1/desktop/answer') : null;
      if (answered?.ok) break;
      if (attempt === 3) throw new Error(`the colleague could not answer the transferred call: ${answered?.status} ${await answered?.text()}`);
      await takeOver(banzu, colleague);
    }
    await banzu.json(colleague.token, 'POST', '/api/v1/desktop/hang-up');
    const call = await endedCallOf([me.id, colleague.id], [consultCallId]);
    expect(call.endedAt).not.toBeNull();
    await banzu.json(colleague.token, 'POST', '/api/v1/desktop/state', { status: 'not_ready', reason: 'break' });
    await finishWrapUp();
    await agent.locator('.state-bar:not([data-status="wrap_up"])').waitFor({ timeout: SEE_TIMEOUT_MS });
  }, 300_000);

  it('at 390 px the wallboard and the desktop fit the screen and the menu is reachable from the header', async () => {
    for (const [username, first] of [
      [LEADER, '.agent-grid'],
      ['8003', '.state-bar'],
    ] as const) {
      const page = await logIn(browser, banzu, username, { viewport: { width: 390, height: 844 }, timeout: SEE_TIMEOUT_MS });
      await page.locator(first).waitFor({ timeout: SEE_TIMEOUT_MS });
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `${username}: nothing wider than the phone`).toBeLessThanOrEqual(390);
      await page.getByRole('button', { name: '菜单' }).click();
      await page.locator('.nav-drawer').getByRole('link', { name: '报表' }).click();
      await page.waitForURL(/\/reports$/, { timeout: SEE_TIMEOUT_MS });
      await screenshot(page, `390-${username}`, false);
      await page.context().close();
    }
  }, 300_000);

  it('sends the console compressed, its hashed assets cached for good and the page itself asked again', async () => {
    const index = await fetch(banzu.url, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const script = /\/assets\/[^"]+\.js/.exec(await index.text())![0];
    const asset = await fetch(`${banzu.url}${script}`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(asset.headers.get('content-encoding')).toBe('br');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });
});
