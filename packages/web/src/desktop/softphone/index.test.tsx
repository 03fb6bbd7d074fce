// @vitest-environment jsdom
import { act, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { SoftphoneSettings } from '@banzu/contract';
import { fakeApi } from '../../testing/dom';
import { Softphone, SoftphoneCard, useSoftphone, type SessionLike, type SoftphoneDeps, type UaLike } from './index';

const settings: SoftphoneSettings = { wsUrl: 'ws://localhost:5066', uri: 'sip:8001@127.0.0.1', realm: 'banzu', ha1: '0'.repeat(32), displayName: '张伟' };

type Handler = (e: never) => void;

/** JsSIP's UA as far as the softphone sees it: the test fires its events. */
class FakeUa implements UaLike {
  readonly handlers = new Map<string, Handler[]>();
  started = false;
  stopped = false;
  start() {
    this.started = true;
  }
  stop() {
    this.stopped = true;
  }
  on(event: string, listener: Handler) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), listener]);
  }
  fire(event: string, e: unknown = {}) {
    for (const h of this.handlers.get(event) ?? []) (h as (e: unknown) => void)(e);
  }
}

class FakeSession implements SessionLike {
  readonly handlers = new Map<string, Handler[]>();
  answered: { mediaStream: MediaStream; pcConfig: RTCConfiguration } | null = null;
  ended = false;
  connection = null;
  constructor(readonly direction: 'incoming' | 'outgoing' = 'incoming') {}
  answer(options: { mediaStream: MediaStream; pcConfig: RTCConfiguration }) {
    this.answered = options;
  }
  terminate() {
    this.ended = true;
    this.fire('ended');
  }
  isEnded() {
    return this.ended;
  }
  on(event: string, listener: Handler) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), listener]);
  }
  fire(event: string, e: unknown = {}) {
    for (const h of this.handlers.get(event) ?? []) (h as (e: unknown) => void)(e);
  }
}

const microphone = { getAudioTracks: () => [{ readyState: 'live' }], getTracks: () => [{ stop: () => {} }] } as unknown as MediaStream;

function deps(getUserMedia: SoftphoneDeps['getUserMedia'] = async () => microphone): { ua: FakeUa; deps: SoftphoneDeps } {
  const ua = new FakeUa();
  return { ua, deps: { createUa: () => ua, getUserMedia } };
}

const domError = (name: string) => Object.assign(new Error(name), { name });

describe('the softphone', () => {
  it('registers, rings for the switch’s call, answers with the microphone and no STUN server, and ends with the call', async () => {
    const { ua, deps: d } = deps();
    const phone = new Softphone(settings, d);
    phone.start();
    expect(ua.started).toBe(true);
    expect(phone.current.registration).toBe('registering');
    ua.fire('registered');
    expect(phone.current.registration).toBe('registered');

    const session = new FakeSession();
    ua.fire('newRTCSession', { session });
    expect(phone.current.call).toBe('ringing');
    expect(await phone.answer()).toBe(true);
    expect(session.answered).toEqual({ mediaStream: microphone, pcConfig: { iceServers: [] } });
    session.fire('confirmed');
    expect(phone.current.call).toBe('connected');
    session.fire('ended', { cause: 'Terminated' });
    expect(phone.current).toMatchObject({ call: 'none', remoteStream: null });
    expect(await phone.answer()).toBe(false);
  });

  it('refuses a second call while one is up, and any call it would place itself', () => {
    const { ua, deps: d } = deps();
    const phone = new Softphone(settings, d);
    phone.start();
    const first = new FakeSession();
    ua.fire('newRTCSession', { session: first });
    const second = new FakeSession();
    ua.fire('newRTCSession', { session: second });
    expect(second.ended).toBe(true);
    expect(first.ended).toBe(false);
    phone.hangUp();
    expect(first.ended).toBe(true);
    const outgoing = new FakeSession('outgoing');
    ua.fire('newRTCSession', { session: outgoing });
    expect(outgoing.ended).toBe(true);
    expect(phone.current.call).toBe('none');
  });

  it.each([
    ['NotAllowedError', 'microphone_denied'],
    ['NotFoundError', 'microphone_missing'],
    ['NotReadableError', 'microphone_busy'],
  ])('says what is wrong when the microphone fails with %s, at start and when answering', async (name, problem) => {
    const { ua, deps: d } = deps(async () => {
      throw domError(name);
    });
    const phone = new Softphone(settings, d);
    phone.start();
    await vi.waitFor(() => expect(phone.current.problem).toBe(problem));
    ua.fire('registered');
    expect(phone.current).toMatchObject({ registration: 'registered', problem });
    const session = new FakeSession();
    ua.fire('newRTCSession', { session });
    expect(await phone.answer()).toBe(false);
    expect(session.answered).toBeNull();
    expect(phone.current.call).toBe('ringing');
  });

  it('on a page with no microphone at all (neither HTTPS nor localhost) says so', async () => {
    const phone = new Softphone(settings, { createUa: () => new FakeUa(), getUserMedia: undefined });
    phone.start();
    await vi.waitFor(() => expect(phone.current.problem).toBe('insecure_page'));
  });

  it('keeps the cause of a failed registration, and clears it once registered', () => {
    const { ua, deps: d } = deps();
    const phone = new Softphone(settings, d);
    phone.start();
    ua.fire('registrationFailed', { cause: 'Rejected' });
    expect(phone.current).toMatchObject({ registration: 'failed', problem: 'registration_failed', cause: 'Rejected' });
    ua.fire('registered');
    expect(phone.current).toMatchObject({ registration: 'registered', problem: null });
    phone.stop();
    expect(ua.stopped).toBe(true);
  });
});

function Desk({ d }: { d: () => SoftphoneDeps }) {
  const softphone = useSoftphone(d);
  return (
    <div>
      <span>desk</span>
      <SoftphoneCard softphone={softphone} />
    </div>
  );
}

describe('the softphone on the desktop', () => {
  it('shows nothing when the server runs no SIP switch', async () => {
    const asked: string[] = [];
    fakeApi((_m, path) => {
      asked.push(path);
      return [200, { softphone: null, passwordMissing: false }];
    });
    const created = vi.fn();
    render(
      <Desk
        d={() => {
          created();
          return deps().deps;
        }}
      />,
    );
    await vi.waitFor(() => expect(asked).toEqual(['/api/v1/desktop/softphone']));
    expect(screen.queryByText('软电话')).toBeNull();
    expect(created).not.toHaveBeenCalled();
  });

  it('tells the agent when no SIP password is set', async () => {
    fakeApi(() => [200, { softphone: null, passwordMissing: true }]);
    render(<Desk d={() => deps().deps} />);
    expect(await screen.findByText('管理员尚未设置您的 SIP 密码：软电话未启用。')).toBeTruthy();
  });

  it('registers with the server’s settings and shows 未注册 → 已注册, and a refused microphone in Chinese', async () => {
    fakeApi(() => [200, { softphone: settings, passwordMissing: false }]);
    const { ua, deps: d } = deps(async () => {
      throw domError('NotAllowedError');
    });
    const created: SoftphoneSettings[] = [];
    const factory = () => ({
      ...d,
      createUa: (s: SoftphoneSettings) => {
        created.push(s);
        return ua;
      },
    });
    render(<Desk d={factory} />);
    expect((await screen.findByTestId('softphone-registration')).textContent).toBe('注册中');
    expect(created).toEqual([settings]);
    act(() => ua.fire('registered'));
    expect(screen.getByTestId('softphone-registration').textContent).toBe('已注册');
    expect(await screen.findByText(/浏览器拒绝了麦克风权限/)).toBeTruthy();
    act(() => ua.fire('disconnected'));
    expect(screen.getByTestId('softphone-registration').textContent).toBe('未注册');
  });
});
