import type { SoftphoneSettings } from '@banzu/contract';

/** Whether the softphone is registered with the SIP switch (已注册 / 未注册). */
export type Registration = 'registering' | 'registered' | 'unregistered' | 'failed';

/** What went wrong, as the desktop tells the agent (messages.ts). */
export type SoftphoneProblem = 'microphone_denied' | 'microphone_missing' | 'microphone_busy' | 'insecure_page' | 'registration_failed' | 'answer_failed';

export interface SoftphoneState {
  registration: Registration;
  /** A call offered to this softphone (ringing) or connected. */
  call: 'none' | 'ringing' | 'connected';
  /** What the agent hears, once connected. */
  remoteStream: MediaStream | null;
  problem: SoftphoneProblem | null;
  /** The SIP cause behind a failed registration ("Wrong Password"…), shown beside the problem. */
  cause: string | null;
}

/** The part of a JsSIP session the softphone uses. */
export interface SessionLike {
  direction: 'incoming' | 'outgoing';
  connection?: RTCPeerConnection | null;
  answer(options: { mediaStream: MediaStream; pcConfig: RTCConfiguration }): void;
  terminate(): void;
  isEnded(): boolean;
  on(event: 'peerconnection', listener: (e: { peerconnection: RTCPeerConnection }) => void): void;
  on(event: 'confirmed' | 'ended' | 'failed', listener: (e: { cause?: string }) => void): void;
}

/** The part of a JsSIP UA the softphone uses. */
export interface UaLike {
  start(): void;
  stop(): void;
  on(event: 'registered' | 'unregistered' | 'disconnected', listener: () => void): void;
  on(event: 'registrationFailed', listener: (e: { cause?: string }) => void): void;
  on(event: 'newRTCSession', listener: (e: { session: SessionLike }) => void): void;
}

export interface SoftphoneDeps {
  createUa(settings: SoftphoneSettings): UaLike;
  /** The microphone; undefined where the browser offers none (a page neither HTTPS nor localhost). */
  getUserMedia: ((constraints: MediaStreamConstraints) => Promise<MediaStream>) | undefined;
}

/** A microphone error by its DOMException name, as the agent can act on it. */
export function microphoneProblem(err: unknown): SoftphoneProblem {
  const name = (err as { name?: string } | null)?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'microphone_denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'microphone_missing';
  return 'microphone_busy';
}

/**
 * The desktop's WebRTC softphone: registers as the agent's SIP account over WebSocket, rings for a
 * call the switch offers, answers with the microphone, plays what the other side says. It never
 * decides anything: the switch (B2BUA) offers and hangs up, the router decides.
 *
 * @example
 * const phone = new Softphone(settings, browserDeps());
 * phone.subscribe((state) => render(state));
 * phone.start();
 */
export class Softphone {
  private state: SoftphoneState = { registration: 'registering', call: 'none', remoteStream: null, problem: null, cause: null };
  private readonly listeners = new Set<(state: SoftphoneState) => void>();
  private readonly ua: UaLike;
  private session: SessionLike | null = null;
  private microphone: MediaStream | null = null;

  constructor(
    settings: SoftphoneSettings,
    private readonly deps: SoftphoneDeps,
  ) {
    this.ua = deps.createUa(settings);
    this.ua.on('registered', () => this.set({ registration: 'registered', problem: this.micProblemOnly(), cause: null }));
    this.ua.on('unregistered', () => this.set({ registration: 'unregistered' }));
    this.ua.on('disconnected', () => this.set({ registration: 'unregistered' }));
    this.ua.on('registrationFailed', (e) => this.set({ registration: 'failed', problem: 'registration_failed', cause: e.cause ?? null }));
    this.ua.on('newRTCSession', ({ session }) => this.offered(session));
  }

  get current(): SoftphoneState {
    return this.state;
  }

  subscribe(listener: (state: SoftphoneState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Registers, and asks for the microphone at once so a refusal shows before the first call. */
  start(): void {
    this.ua.start();
    void this.takeMicrophone().catch(() => {});
  }

  /** Answers the ringing call with the microphone; resolves false (and says why) when it cannot. */
  async answer(): Promise<boolean> {
    const session = this.session;
    if (!session || this.state.call !== 'ringing') return false;
    let microphone: MediaStream;
    try {
      microphone = await this.takeMicrophone();
    } catch {
      return false;
    }
    try {
      // No STUN or TURN: Banzu's rtpengine is on the agent's network; a public server would only delay the answer.
      session.answer({ mediaStream: microphone, pcConfig: { iceServers: [] } });
      return true;
    } catch {
      this.set({ problem: 'answer_failed' });
      return false;
    }
  }

  /** Ends the softphone's call, ringing or connected. */
  hangUp(): void {
    if (this.session && !this.session.isEnded()) this.session.terminate();
  }

  stop(): void {
    this.hangUp();
    this.ua.stop();
    for (const track of this.microphone?.getTracks() ?? []) track.stop();
    this.microphone = null;
    this.listeners.clear();
  }

  private offered(session: SessionLike): void {
    // Only the switch calls an agent's softphone, one call at a time.
    if (session.direction !== 'incoming' || (this.session && !this.session.isEnded())) {
      if (session !== this.session) session.terminate();
      return;
    }
    this.session = session;
    const listen = (connection: RTCPeerConnection) =>
      connection.addEventListener('track', (e) => {
        if (this.session === session) this.set({ remoteStream: e.streams[0] ?? new MediaStream([e.track]) });
      });
    if (session.connection) listen(session.connection);
    session.on('peerconnection', (e) => listen(e.peerconnection));
    session.on('confirmed', () => {
      if (this.session === session) this.set({ call: 'connected' });
    });
    const ended = () => {
      if (this.session !== session) return;
      this.session = null;
      this.set({ call: 'none', remoteStream: null });
    };
    session.on('ended', ended);
    session.on('failed', ended);
    this.set({ call: 'ringing' });
  }

  private async takeMicrophone(): Promise<MediaStream> {
    if (this.microphone?.getAudioTracks().some((t) => t.readyState === 'live')) return this.microphone;
    if (!this.deps.getUserMedia) {
      this.set({ problem: 'insecure_page' });
      throw new Error('no microphone on this page');
    }
    try {
      this.microphone = await this.deps.getUserMedia({ audio: true, video: false });
      if (this.state.problem?.startsWith('microphone_')) this.set({ problem: null });
      return this.microphone;
    } catch (err) {
      this.set({ problem: microphoneProblem(err) });
      throw err;
    }
  }

  /** A registration clears its own failure, not a microphone problem. */
  private micProblemOnly(): SoftphoneProblem | null {
    const { problem } = this.state;
    return problem === 'registration_failed' ? null : problem;
  }

  private set(change: Partial<SoftphoneState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener(this.state);
  }
}
