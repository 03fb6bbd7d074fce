import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebConsole } from '../bootstrap/web-console';
import { writeTone } from './tone';
import { heardFor, heardSeconds, startPhone, startSipCenter, tones, until, type SipCenter } from './testing/call-setup';
import type { Phone } from './testing/phone';

const password = 'softphone-e2e-pw';
const queueNumber = '4008001001';
const { caller, agent, music } = tones;

/**
 * What the page hears, by pitch: an analyser on the softphone's speaker (the `<audio>` the desktop
 * plays the call on), the loudest frequency every quarter second for `seconds`.
 */
function listen(page: Page, seconds: number): Promise<number[]> {
  return page.evaluate(async (seconds) => {
    const speaker = document.querySelector<HTMLAudioElement>('[data-testid="softphone-audio"]');
    const stream = speaker?.srcObject as MediaStream | null;
    if (!stream) return [];
    const context = new AudioContext();
    await context.resume();
    const analyser = context.createAnalyser();
    analyser.fftSize = 8192;
    context.createMediaStreamSource(stream).connect(analyser);
    const bins = new Float32Array(analyser.frequencyBinCount);
    const peaks: number[] = [];
    for (let i = 0; i < seconds * 4; i++) {
      await new Promise((r) => setTimeout(r, 250));
      analyser.getFloatFrequencyData(bins);
      let loudest = 0;
      for (let b = 1; b < bins.length; b++) if (bins[b]! > bins[loudest]!) loudest = b;
      // Silence has no peak worth naming.
      peaks.push(bins[loudest]! > -70 ? Math.round((loudest * context.sampleRate) / analyser.fftSize) : 0);
    }
    await context.close();
    return peaks;
  }, seconds);
}

describe('the desktop’s softphone in Chromium, by ear: agent 8001 answers a baresip caller', () => {
  let center: SipCenter;
  let url: string;
  let browser: Browser | undefined;
  let callerPhone: Phone | undefined;
  const call: SipCenter['api'] = (...args) => center.api(...args);
  const login = (username: string) => center.login(username);

  beforeAll(async () => {
    await ensureWebConsole(() => {});
    center = await startSipCenter({ password });
    // Chromium's fake microphone plays this file in a loop: the agent's voice (at the browser's rate).
    await promisify(execFile)('sox', ['-n', '-r', '48000', '-c', '1', '-b', '16', join(center.dir, 'agent.wav'), 'synth', '60', 'sine', String(agent.hz)]);
    await center.app.listen({ port: 0, host: center.address });
    const listening = center.app.server.address();
    url = `http://localhost:${typeof listening === 'object' && listening ? listening.port : 0}`;
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-audio-capture=${join(center.dir, 'agent.wav')}`,
        '--autoplay-policy=no-user-gesture-required',
      ],
    });
  }, 300_000);

  afterAll(async () => {
    await callerPhone?.stop();
    await browser?.close();
    await center?.close();
  }, 60_000);

  /** Agent 8001's desktop, logged in once: its softphone registers by itself (a second page would ring too). */
  let desktop: Page | undefined;
  async function openDesktop(): Promise<Page> {
    if (desktop) return desktop;
    const page = await (await browser!.newContext({ locale: 'zh-CN' })).newPage();
    await page.goto(url);
    await page.getByLabel('用户名 / 工号').fill('8001');
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL('**/desktop', { timeout: 30_000 });
    // The desktop asked for its settings and registered over WebSocket with the HA1.
    await page.getByTestId('softphone-registration').filter({ hasText: '已注册' }).waitFor({ timeout: 30_000 });
    desktop = page;
    return page;
  }

  /** Gives 售前咨询 the test's number (again: the same number is accepted). */
  async function numberTheQueue(): Promise<void> {
    const manager = await login('manager');
    const queues = (await call(manager, 'GET', '/api/v1/queues')).json() as { id: string; name: string }[];
    const presales = queues.find((q) => q.name === '售前咨询')!;
    expect((await call(manager, 'PATCH', `/api/v1/queues/${presales.id}`, { inboundNumbers: [queueNumber] })).statusCode).toBe(200);
  }

  it('registers by itself after login, rings, answers from 接听, each side hears the other, 保持 and 恢复 hold with music; 挂断 ends both legs', async () => {
    await numberTheQueue();
    const page = await openDesktop();

    const agentToken = await login('8001');
    expect((await call(agentToken, 'POST', '/api/v1/desktop/state', { status: 'not_ready', reason: 'meal' })).statusCode).toBe(200);
    const agentId = await center.agentId('8001');
    const engine = center.banzu.floor!.engine;

    callerPhone = await startPhone(center, 'caller', { name: 'caller' });
    await callerPhone.dial(queueNumber);
    const queued = callerPhone;
    await until(async () => (await queued.secondsHeard()) >= 2, 'the caller hears the music while queued');
    expect((await call(agentToken, 'POST', '/api/v1/desktop/state', { status: 'ready' })).statusCode).toBe(200);

    // The router offers; the B2BUA's INVITE reaches the browser over WebSocket, and the desktop rings.
    await page.getByTestId('softphone-call').filter({ hasText: '软电话振铃中' }).waitFor({ timeout: 30_000 });
    expect(engine.router.agentState(agentId)?.status).toBe('ringing');
    await page.getByTestId('answer').click();
    await until(() => engine.router.agentState(agentId)?.status === 'talking', 'the softphone’s answer answers in Banzu');
    await page.getByTestId('softphone-call').filter({ hasText: '通话中' }).waitFor({ timeout: 30_000 });

    const from = await callerPhone.secondsHeard();
    const heardInBrowser = await listen(page, 5);
    const talking = callerPhone;
    await until(async () => (await talking.secondsHeard()) >= from + 5, 'the caller hears five seconds of the agent');

    // 保持: the caller hears the music and the agent nothing; 恢复: they talk again.
    await page.getByRole('button', { name: /保\s*持/ }).click();
    await until(() => engine.router.agentState(agentId)?.status === 'on_hold', 'the router holds the caller');
    const heardOnHold = await listen(page, 8);
    await page.getByRole('button', { name: /恢\s*复/ }).click();
    await until(() => engine.router.agentState(agentId)?.status === 'talking', 'the router retrieves the caller');
    const heardAfterHold = await listen(page, 3);
    const back = await talking.secondsHeard();
    await until(async () => (await talking.secondsHeard()) >= back + 3, 'the caller hears the agent again');

    await page
      .getByRole('button', { name: /挂\s*断/ })
      .first()
      .click();
    const callId = engine.router.agentState(agentId)?.callId;
    await until(() => engine.router.agentState(agentId)?.status === 'wrap_up', 'the router ends the call');
    expect(callId && engine.router.call(callId)).toBeFalsy();
    // The B2BUA's BYE reached the browser through Kamailio (the route set), and the caller's phone.
    await page.getByTestId('softphone-call').waitFor({ state: 'detached', timeout: 30_000 });

    await callerPhone.stop();
    const callerSeconds = await heardSeconds(callerPhone);
    console.info(
      `the browser heard, every quarter second: ${heardInBrowser.join(' ')} | on hold: ${heardOnHold.join(' ')} | after: ${heardAfterHold.join(' ')}\nthe caller heard, second by second: ${callerSeconds.join(' ')}`,
    );
    const near = (hz: number, target: number) => Math.abs(hz - target) <= 15;
    expect(heardInBrowser.filter((hz) => near(hz, caller.hz)).length).toBeGreaterThanOrEqual(12);
    expect(heardInBrowser.filter((hz) => near(hz, agent.hz) || near(hz, music.hz))).toEqual([]);
    // A moment for the hold to take and to lift; then nothing of the caller while held, only the caller after.
    // Chromium's jitter buffer conceals the caller's last tone for a while (2-3 s seen) before the
    // played silence takes over, so the last 2 of the 8 held seconds must be silent.
    expect(heardOnHold.slice(-8).filter((hz) => near(hz, caller.hz))).toEqual([]);
    expect(heardAfterHold.slice(4).every((hz) => near(hz, caller.hz))).toBe(true);
    // The caller: the announcement (speech, no tone) and the music while queued, the agent, music on hold, the agent again.
    const heard = callerSeconds.filter((hz) => hz !== null);
    const phases = heard.filter((hz, i) => hz !== heard[i - 1]);
    expect(phases[0] === music.hz ? phases.slice(1) : phases).toEqual([agent.hz, music.hz, agent.hz]);
    expect(callerSeconds.filter((hz) => hz === agent.hz).length).toBeGreaterThanOrEqual(4);
    expect(center.errors.filter((err) => !String(err).includes('record'))).toEqual([]);
  }, 240_000);

  it('moves the softphone into the mixer for a consultation: the browser hears 8002 while the caller hears the music; completed, the caller talks with 8002', async () => {
    await numberTheQueue();
    const page = await openDesktop();
    const engine = center.banzu.floor!.engine;
    const [first, second] = [await center.agentId('8001'), await center.agentId('8002')];
    const secondVoice = 880;
    await writeTone(join(center.dir, 'agent-8002.wav'), { hz: secondVoice, seconds: 60 });
    const desk = await startPhone(center, 'secondAgent', { name: 'consult-8002', user: '8002', password, voice: join(center.dir, 'agent-8002.wav') });
    const phone = await startPhone(center, 'caller', { name: 'consult-caller' });
    try {
      await desk.registered();
      const [firstToken, secondToken] = [await login('8001'), await login('8002')];
      for (const token of [firstToken, secondToken]) expect((await call(token, 'POST', '/api/v1/desktop/state', { status: 'not_ready', reason: 'meal' })).statusCode).toBe(200);
      await phone.dial(queueNumber);
      await until(async () => (await phone.secondsHeard()) >= 2, 'the caller waits');
      expect((await call(firstToken, 'POST', '/api/v1/desktop/state', { status: 'ready' })).statusCode).toBe(200);
      await page.getByTestId('softphone-call').filter({ hasText: '软电话振铃中' }).waitFor({ timeout: 30_000 });
      await page.getByTestId('answer').click();
      await until(() => engine.router.agentState(first)?.status === 'talking', 'the softphone answers');
      const callId = engine.router.agentState(first)!.callId!;
      await heardFor([phone], 3, 'the caller hears 8001');

      expect((await call(secondToken, 'POST', '/api/v1/desktop/state', { status: 'ready' })).statusCode).toBe(200);
      expect(engine.command({ type: 'agent.consult', agentId: first, targetAgentId: second })).toBeNull();
      await until(() => engine.router.agentState(second)?.status === 'talking', '8002 answers the consultation');
      const heardConsulting = await listen(page, 6);
      expect(engine.command({ type: 'agent.complete_transfer', agentId: first })).toBeNull();
      await until(() => engine.router.agentState(first)?.status === 'wrap_up', '8001 leaves');
      // The B2BUA's BYE reached the browser through Kamailio.
      await page.getByTestId('softphone-call').waitFor({ state: 'detached', timeout: 30_000 });
      await heardFor([phone, desk], 4, 'the caller and 8002 talk');
      await phone.hangUp();
      await until(() => engine.router.call(callId) === undefined, 'the router ends the call');
      await Promise.all([phone.stop(), desk.stop()]);
      const callerSeconds = await heardSeconds(phone, [caller.hz, agent.hz, music.hz, secondVoice]);
      console.info(`consulting from the browser: the browser heard ${heardConsulting.join(' ')}\nthe caller heard ${callerSeconds.join(' ')}`);
      const near = (hz: number, target: number) => Math.abs(hz - target) <= 15;
      // A moment for the move into the mixer, then 8002 (the caller is held: nothing of it).
      expect(heardConsulting.slice(8).filter((hz) => near(hz, secondVoice)).length).toBeGreaterThanOrEqual(10);
      expect(heardConsulting.slice(8).filter((hz) => near(hz, caller.hz))).toEqual([]);
      const order = callerSeconds.filter((hz, i) => hz !== null && hz !== callerSeconds[i - 1]);
      expect(order.slice(order.indexOf(agent.hz))).toEqual([agent.hz, music.hz, secondVoice]);
    } finally {
      await Promise.all([phone.stop(), desk.stop()]);
    }
    expect(center.errors.filter((err) => !String(err).includes('record'))).toEqual([]);
  }, 240_000);
});
