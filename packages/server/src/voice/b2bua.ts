import { randomUUID } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { MonitorMode, Prompt, SwitchCommand, SwitchEvent, SwitchPort } from '@banzu/core';
import sip, { type NameAddr, type SipRequest, type SipResponse, type SipStack } from 'sip';
import type { KeyPress } from './dtmf';
import type { PromptFile, Prompts } from './prompts';
import { hearing, Mixer, type MixRoom, type PortRange } from './mixer';
import type { MediaControl, MediaParty } from './rtpengine';
import { stereoRecording, type CallerSource } from './recording';
import { audioStream, placeholderAnswer, placeholderOffer } from './sdp';

export interface B2buaOptions {
  /** The address the B2BUA listens on (and puts in its Contact). */
  address: string;
  port: number;
  /** The SIP proxy (Kamailio) where agents' phones are registered. */
  proxy: { address: string; port: number };
  relay: MediaControl;
  /** The media ports (`BANZU_RTP_PORTS`), shared with rtpengine: the mixer's places bind there too. */
  rtpPorts: PortRange;
  /** Dialled number → queue id: a fixed map, or a look-up at each call's arrival (undefined: no such number). */
  queueNumbers: QueueNumbers;
  /** Played to callers while they wait and while they are on hold (a WAV rtpengine can read). */
  musicFile: string;
  /**
   * Played to the agent while the caller is on hold. Silence as packets, not none: with no packets a
   * phone's jitter buffer conceals the gap, and a browser went on sounding the caller for seconds.
   */
  silenceFile: string;
  /** The callers' announcements (position and wait, after hours); without them the caller hears the music throughout. */
  prompts?: Prompts;
  /** Where calls Banzu places go (callbacks, outbound): a SIP URI such as `sip:10.0.0.5:5060`, the customer's number its user. */
  trunk?: string;
  /** The SIP user an agent's phone registers as (the agent's 工号), looked up at each offer; the agent id unless told otherwise. */
  extensionOf?: (agentId: string) => string | Promise<string>;
  /** Recording (the router's `record`): rtpengine's recording directory, and where a finished call's WAV goes. */
  recording?: { dir: string; save: (recording: CallRecording) => Promise<void> };
  onError: (err: unknown) => void;
}

/** A recorded call once it ended: a stereo WAV, the caller left and the agent right, from `startedAt` (ms). */
export interface CallRecording {
  callId: string;
  startedAt: number;
  wav: Buffer;
}

/** Dialled number → queue id: a fixed map, or a look-up at each call's arrival (undefined: no such number). */
export type QueueNumbers = Readonly<Record<string, string>> | ((dialled: string) => Promise<string | undefined>);

/** One side of a SIP dialog the B2BUA holds, enough to send BYE on it. */
interface Dialog {
  sipCallId: string;
  local: NameAddr;
  remote: NameAddr;
  /** Where in-dialog requests go: the other side's Contact. */
  target: string;
  /** The proxies in-dialog requests pass (Record-Route): Kamailio stays on a browser's dialog, it holds the WebSocket. */
  route: NameAddr[];
  cseq: number;
}

interface AgentLeg {
  agentId: string;
  invite: SipRequest;
  /** Set once the phone answered (and was acknowledged). */
  dialog: Dialog | null;
  answerSdp: string | null;
  /** The offer was taken back: an answer that still arrives is hung up. */
  withdrawn: boolean;
  /** The agent's phone of a call Banzu places: its answer dials the customer instead of being reported. */
  placing?: { answered: () => void; refused: () => void };
  /** A supervisor's phone (listen, whisper, barge): its answer is no agent's; its hang-up is the supervisor's, not an agent's. */
  supervisor?: boolean;
}

interface CustomerCall {
  callId: string;
  caller: Dialog;
  /** Where the caller's audio comes from: the left channel of the recording. */
  callerSource: CallerSource;
  /** When recording started (ms), or null. */
  recordingSince: number | null;
  callerMedia: MediaParty;
  agentMedia: MediaParty;
  /** rtpengine's offer toward the agent side, sent to every agent phone rung for this call. */
  towardAgents: string;
  /** Resolves once rtpengine's agent side is answered (a placeholder) and blocked: an agent's INVITE waits for it. */
  agentSideShut: Promise<void>;
  /** Resolves once the caller was answered (200 OK) and hears the music: every command but an offer waits for it. */
  answered: Promise<void>;
  legs: Map<string, AgentLeg>;
  bridged: string | null;
  /** When the caller's current stream (the music) started: a bridge waits until it has flowed for `firstStreamMs`. */
  streamSince: number;
  ended: boolean;
  /** Counts the announcements started: the music comes back after the latest only. */
  announcements: number;
  /** Until when (ms) the after-hours message plays: hanging up waits for it. */
  closingUntil: number;
  /** Cuts a wait short (the caller hung up while a message played). */
  interrupt: (() => void) | null;
  /** The customer's line is up: a caller who has not hung up, or a customer who answered Banzu's call. */
  callerUp: boolean;
  /** Banzu places the call (a callback, an outbound call): before the customer answers, the agent's hang-up ends it. */
  outbound: boolean;
  /** The INVITE to the customer through the trunk while it rings (cancelled if the call ends first). */
  dialing: SipRequest | null;
  /** The caller pressed the callback key: the line is closed and the call waits for its turn with no media. */
  awaitingCallback: boolean;
  /** The call's commands and SIP events run one after another, in order. */
  work: Promise<void>;
  /** Set once the call needs mixing (a consultation, a conference, a supervisor): from then on its media goes through the mixer. */
  mix: CallMix | null;
}

/** A call in the mixer: its room, and who is on it how (what `hearing` turns into who hears whom). */
interface CallMix {
  room: MixRoom;
  talking: string[];
  consult: { agentId: string; targetId: string } | null;
  monitors: Map<string, MonitorMode>;
  /** What rtpengine plays the caller instead of the room: the music on hold (both ways blocked), the music while nobody talks with it, or nothing. */
  waiting: 'hold' | 'music' | null;
}

/** How long hanging up waits for the other sides' replies. */
const replyWaitMs = 2000;

/**
 * How long the caller hears one stream (the music) before the bridge switches to the agent's. A
 * phone whose jitter buffer has not played its first frames yet may not reset on a new stream (SSRC):
 * baresip 1.0 then drops every packet of the agent's stream as late when its sequence numbers are
 * below the music's (half the time), and the caller hears nothing. With an agent ready as the call
 * arrives the bridge came within ~100 ms of the music: about 1 call in 6 was silent for the caller.
 */
const firstStreamMs = 1000;

/** rtpengine's tag for the agent side of every call: whichever agent is bridged takes it. */
const agentSideTag = 'banzu-agents';

/**
 * The switch port over SIP, a back-to-back user agent: it answers a caller at once and keeps the
 * caller's media in one rtpengine call (music while waiting), rings the agent's phone through the
 * proxy when the router offers, and connects the two in rtpengine when the router bridges. It
 * reports what happens on its lines and decides nothing.
 *
 * @example
 * const b2bua = new B2bua({ address: '127.0.0.1', port: 5070, proxy, relay, queueNumbers: { '4008001001': 'presales' }, musicFile, silenceFile, onError });
 * startFloor(banzu, { connect: () => ({ switch: b2bua }), onError });
 */
export class B2bua implements SwitchPort {
  private readonly stack: SipStack;
  private readonly calls = new Map<string, CustomerCall>();
  /** SIP Call-ID → the customer call and, for an agent's leg, the agent. */
  private readonly bySipCallId = new Map<string, { call: CustomerCall; agentId: string | null }>();
  private handler: ((event: SwitchEvent) => void) | null = null;
  private readonly unsupportedSeen = new Set<string>();
  private readonly contact: string;
  private readonly extensionOf: (agentId: string) => string | Promise<string>;
  /** Recordings of ended calls being written: closing waits for them. */
  private readonly saving = new Set<Promise<void>>();
  private readonly mixer: Mixer;

  constructor(private readonly options: B2buaOptions) {
    this.contact = `sip:banzu@${options.address}:${options.port}`;
    this.extensionOf = options.extensionOf ?? ((agentId) => agentId);
    this.mixer = new Mixer(options.address, options.rtpPorts, options.onError);
    this.stack = sip.create(
      {
        address: options.address,
        port: options.port,
        // The stack takes any URI whose host is its own name for itself and answers it 404: every
        // URI on a one-machine setup. Its name only appears in Via, where replies follow rport.
        publicAddress: 'banzu.invalid',
        tcp: false,
        logger: { error: options.onError },
      },
      (request) => this.onRequest(request),
    );
  }

  onEvent(handler: (event: SwitchEvent) => void): () => void {
    this.handler = handler;
    return () => {
      if (this.handler === handler) this.handler = null;
    };
  }

  personAtDesk(): void {
    // Real phones: there is nobody to stop playing.
  }

  execute(commands: readonly SwitchCommand[]): void {
    for (const command of commands) {
      // An outbound call is new to the switch: its first command is the originate.
      const call = this.calls.get(command.callId) ?? (command.type === 'originate' ? this.placedCall(command.callId) : undefined);
      if (!call) continue;
      this.inTurn(call, () => this.apply(call, command));
    }
  }

  /** Hangs up every call and stops listening. */
  async close(): Promise<void> {
    await Promise.all([...this.calls.values()].map((call) => this.inTurn(call, () => this.end(call))));
    await Promise.all(this.saving);
    this.mixer.close();
    this.stack.destroy();
  }

  private async apply(call: CustomerCall, command: SwitchCommand): Promise<void> {
    // The caller is answered and hears the music before anything else is done with the call; only an
    // agent's INVITE goes out sooner (INVITE → ring is the set-up time a caller waits for).
    if (command.type !== 'offer') await call.answered;
    if (call.ended) return;
    if (command.type === 'offer' && call.awaitingCallback) await this.mediaForCallback(call);
    switch (command.type) {
      case 'offer':
        return this.ring(call, command.agentId);
      case 'cancel_offer':
        void this.dropLeg(call, command.agentId);
        return;
      case 'bridge':
        if (call.mix || command.agentIds.length > 1) return this.bridgeInRoom(call, command.agentIds);
        return this.bridge(call, command.agentIds);
      case 'hold':
        return this.hold(call);
      case 'retrieve':
        return this.retrieve(call);
      case 'consult':
        return this.consult(call, command.agentId, command.targetAgentId);
      case 'monitor':
        return this.monitor(call, command.supervisorId, command.mode);
      case 'stop_monitor':
        return this.stopMonitor(call, command.supervisorId);
      case 'release_agent':
        if (call.mix) return this.releaseFromRoom(call, command.agentId);
        void this.dropLeg(call, command.agentId);
        if (call.bridged === command.agentId) {
          call.bridged = null;
          await this.options.relay.block(call.agentMedia);
          await this.options.relay.play(call.callerMedia, this.options.musicFile);
          call.streamSince = Date.now();
        }
        return;
      case 'hang_up':
        await this.closingMessageHeard(call);
        return this.end(call);
      case 'play':
        return this.announce(call, command.prompt);
      case 'record':
        if (!this.options.recording) return this.unsupported(command.type);
        if (call.recordingSince !== null) return;
        await this.options.relay.startRecording(call.callId);
        call.recordingSince = Date.now();
        return;
      case 'originate':
        return this.dialCustomer(call, command.agentId, command.number);
      default:
        return this.unsupported(command.type);
    }
  }

  private unsupported(type: SwitchCommand['type']): void {
    if (this.unsupportedSeen.has(type)) return;
    this.unsupportedSeen.add(type);
    this.options.onError(new Error(`the SIP switch cannot ${type} yet (docs/voice.md)`));
  }

  // ---- requests from the network -------------------------------------------------------------

  private onRequest(request: SipRequest): void {
    const known = this.bySipCallId.get(request.headers['call-id']);
    switch (request.method) {
      case 'INVITE':
        if (request.headers.to.params.tag) return this.reply(request, 488, 'Not Acceptable Here');
        return this.answerCaller(request);
      case 'ACK':
        return;
      case 'BYE':
      case 'CANCEL':
        this.reply(request, 200, 'OK');
        if (known?.agentId === null) known.call.interrupt?.();
        if (known) this.inTurn(known.call, () => this.hungUp(known.call, known.agentId));
        return;
      case 'OPTIONS':
        return this.reply(request, 200, 'OK');
      default:
        return this.reply(request, 405, 'Method Not Allowed');
    }
  }

  private answerCaller(invite: SipRequest): void {
    const dialled = sip.parseUri(invite.uri).user ?? '';
    const numbers = this.options.queueNumbers;
    this.reply(invite, 100, 'Trying');
    if (typeof numbers !== 'function' && !Object.hasOwn(numbers, dialled)) return this.reply(invite, 404, 'No Such Number');
    if (!invite.content) return this.reply(invite, 488, 'An Offer Is Needed');
    let callerSource: CallerSource;
    try {
      callerSource = audioStream(invite.content);
    } catch {
      return this.reply(invite, 488, 'No Audio Offered');
    }
    const callId = randomUUID();
    const caller: Dialog = {
      sipCallId: invite.headers['call-id'],
      local: { ...invite.headers.to, params: { ...invite.headers.to.params, tag: randomTag() } },
      remote: invite.headers.from,
      target: invite.headers.contact?.[0]?.uri ?? invite.headers.from.uri,
      route: invite.headers['record-route'] ?? [],
      cseq: 1,
    };
    const call: CustomerCall = {
      callId,
      caller,
      callerSource,
      recordingSince: null,
      callerMedia: { callId, tag: String(invite.headers.from.params.tag) },
      agentMedia: { callId, tag: agentSideTag },
      towardAgents: '',
      agentSideShut: Promise.resolve(),
      answered: Promise.resolve(),
      legs: new Map(),
      bridged: null,
      streamSince: Date.now(),
      ended: false,
      announcements: 0,
      closingUntil: 0,
      interrupt: null,
      callerUp: true,
      outbound: false,
      dialing: null,
      awaitingCallback: false,
      work: Promise.resolve(),
      mix: null,
    };
    const offer = invite.content;
    const relay = this.options.relay;
    this.inTurn(call, async () => {
      // The number's queue (a store look-up in production) and rtpengine's offer at once: the offer's
      // SDP toward the agents is all an agent's INVITE needs, so the router hears of the call after it.
      const queue = typeof numbers === 'function' ? numbers(dialled) : Promise.resolve(Object.hasOwn(numbers, dialled) ? numbers[dialled] : undefined);
      const [found, media] = await Promise.allSettled([queue, relay.offer(call.callerMedia, offer, agentSideTag)]);
      if (found.status === 'rejected' || media.status === 'rejected' || found.value === undefined) {
        if (found.status === 'rejected') this.reply(invite, 500, 'Queues Unavailable');
        else if (media.status === 'rejected') this.reply(invite, 500, 'Media Unavailable');
        else this.reply(invite, 404, 'No Such Number');
        if (media.status === 'fulfilled') await relay.delete(callId).catch(() => {});
        if (found.status === 'rejected') throw found.reason;
        if (media.status === 'rejected') throw media.reason;
        return;
      }
      call.towardAgents = media.value;
      this.calls.set(callId, call);
      this.bySipCallId.set(caller.sipCallId, { call, agentId: null });
      // What an agent's phone sends once it answered would reach the caller at once, before the
      // bridge, interleaved with the music: two streams (SSRCs) in turns, after which a phone's
      // jitter buffer (baresip's, about 1 call in 6 when the router bridged at once) can take every
      // packet of the agent's stream for late and play nothing. Only the bridge lets the agent through,
      // so an agent's INVITE waits for the block (`agentSideShut`). The offer named the agent side, so
      // the block needs no answer first: the placeholder answer goes beside it, the caller's 200 OK
      // and the music after both.
      const blocked = relay.block(call.agentMedia);
      const placeholder = relay.answer(call.callerMedia, agentSideTag, placeholderAnswer(call.towardAgents, this.options.address));
      call.agentSideShut = blocked.then(
        () => undefined,
        () => undefined,
      );
      call.answered = Promise.all([placeholder, blocked]).then(
        async ([answer]) => {
          this.stack.send(
            sip.makeResponse(invite, 200, 'OK', {
              headers: { to: caller.local, contact: [{ uri: this.contact, params: {} }], 'content-type': 'application/sdp' },
              content: answer,
            }),
          );
          // Without the music the caller still waits for an agent: the failure is only told.
          await relay.play(call.callerMedia, this.options.musicFile).catch(this.options.onError);
          call.streamSince = Date.now();
        },
        (err: unknown) => this.mediaFailed(call, invite, err),
      );
      const from = sip.parseUri(invite.headers.from.uri).user ?? null;
      this.report({ type: 'switch.call_arrived', callId, from, to: dialled, queueId: found.value, vipLevel: 0 });
    });
  }

  /** rtpengine failed the caller before the answer: the caller is refused, and the router, told of the call already, hears it left. */
  private mediaFailed(call: CustomerCall, invite: SipRequest, err: unknown): void {
    this.options.onError(err);
    this.reply(invite, 500, 'Media Unavailable');
    call.callerUp = false;
    this.report({ type: 'switch.caller_hung_up', callId: call.callId });
    void this.inTurn(call, () => this.end(call, { callerGone: true }));
  }

  /** BYE (or CANCEL) from the caller or an agent's phone. */
  private async hungUp(call: CustomerCall, agentId: string | null): Promise<void> {
    if (call.ended) return;
    if (agentId === null) {
      // The caller left for a callback: that line was closed and reported already.
      if (!call.callerUp) return;
      this.report({ type: 'switch.caller_hung_up', callId: call.callId });
      return this.end(call, { callerGone: true });
    }
    const leg = call.legs.get(agentId);
    if (!leg) return;
    this.removeLeg(call, leg);
    if (leg.supervisor) return this.supervisorHungUp(call, agentId);
    this.report({ type: 'switch.agent_hung_up', callId: call.callId, agentId });
    // The agent of a call Banzu places hung up before the customer was put through: nothing is left of it.
    if (call.outbound && call.bridged === null) return this.end(call);
    // The agent who talked with the caller left: the call is over (the router ends it too), unless
    // another agent is on it (a conference, a consulted agent who takes the caller over).
    if (call.bridged === agentId && !this.anotherAgentOn(call)) await this.end(call);
  }

  // ---- commands ------------------------------------------------------------------------------

  private async ring(call: CustomerCall, agentId: string, { supervisor = false } = {}): Promise<void> {
    if (call.legs.has(agentId)) return;
    const { proxy } = this.options;
    const [extension] = await Promise.all([this.extensionOf(agentId), call.agentSideShut]);
    const target = `sip:${extension}@${proxy.address}:${proxy.port}`;
    if (call.ended) return;
    const caller = sip.parseUri(call.caller.remote.uri).user ?? 'anonymous';
    const invite: SipRequest = {
      method: 'INVITE',
      uri: target,
      headers: {
        to: { uri: target, params: {} },
        from: { uri: `sip:${caller}@${this.options.address}`, params: { tag: randomTag() } },
        'call-id': randomUUID(),
        cseq: { seq: 1, method: 'INVITE' },
        contact: [{ uri: this.contact, params: {} }],
        'max-forwards': 70,
        'content-type': 'application/sdp',
      },
      // A call in the mixer rings each phone with a place of its own there.
      content: call.mix ? (await call.mix.room.add(agentId)).offer() : call.towardAgents,
    };
    const leg: AgentLeg = { agentId, invite, dialog: null, answerSdp: null, withdrawn: false, ...(supervisor ? { supervisor } : {}) };
    call.legs.set(agentId, leg);
    this.bySipCallId.set(invite.headers['call-id'], { call, agentId });
    this.stack.send(invite, (response) => this.onAgentResponse(call, leg, response));
  }

  private onAgentResponse(call: CustomerCall, leg: AgentLeg, response: SipResponse): void {
    if (response.status < 200) return;
    if (response.status >= 300) {
      // Busy, not registered, declined or cancelled: the router's ring timeout moves on.
      if (call.legs.get(leg.agentId) !== leg) return leg.placing?.refused();
      this.removeLeg(call, leg);
      // A supervisor's phone that does not take the call: the router has no ring timeout for it.
      if (leg.supervisor) return void this.inTurn(call, () => this.supervisorHungUp(call, leg.agentId));
      leg.placing?.refused();
      return;
    }
    const dialog: Dialog = {
      sipCallId: leg.invite.headers['call-id'],
      local: leg.invite.headers.from,
      remote: response.headers.to,
      target: response.headers.contact?.[0]?.uri ?? leg.invite.uri,
      // The caller's side of the route set is the Record-Route in reverse.
      route: [...(response.headers['record-route'] ?? [])].reverse(),
      cseq: leg.invite.headers.cseq.seq,
    };
    this.acknowledge(dialog);
    if (leg.dialog) return; // a retransmitted 200 OK
    leg.dialog = dialog;
    leg.answerSdp = response.content ?? null;
    if (leg.withdrawn || call.ended) {
      void this.bye(dialog);
      return;
    }
    this.joinRoom(call, leg);
    if (leg.supervisor) return;
    if (leg.placing) return leg.placing.answered();
    this.inTurn(call, async () => this.report({ type: 'switch.agent_answered', callId: call.callId, agentId: leg.agentId }));
  }

  private async bridge(call: CustomerCall, agentIds: readonly string[]): Promise<void> {
    if (agentIds.length !== 1) throw new Error(`the SIP switch bridges one agent, not ${agentIds.length} (conference is not built yet)`);
    const leg = call.legs.get(agentIds[0]!);
    if (!leg?.answerSdp) throw new Error(`call ${call.callId}: ${agentIds[0]} has not answered`);
    const settling = call.streamSince + firstStreamMs - Date.now();
    if (settling > 0) await new Promise((resolve) => setTimeout(resolve, settling));
    // The music stops before the agent's voice is let through: never two streams to the caller at once.
    await this.options.relay.stopPlaying(call.callerMedia);
    await this.options.relay.answer(call.callerMedia, agentSideTag, leg.answerSdp);
    await this.options.relay.unblock(call.agentMedia);
    call.bridged = leg.agentId;
  }

  /** Stops ringing an agent's phone, or hangs it up if it had answered; resolves once the phone replied. */
  private dropLeg(call: CustomerCall, agentId: string): Promise<void> {
    const leg = call.legs.get(agentId);
    if (!leg) return Promise.resolve();
    leg.withdrawn = true;
    this.removeLeg(call, leg);
    return leg.dialog ? this.bye(leg.dialog) : this.cancel(leg.invite);
  }

  /**
   * Hangs up every leg still up and frees the media; resolves once the other sides replied (or
   * after a moment without a reply), so closing does not cut its own BYEs off.
   */
  private async end(call: CustomerCall, { callerGone = false } = {}): Promise<void> {
    if (call.ended) return;
    // A BYE needs the caller's dialog answered first (a hang-up can come while the answer is on its way).
    await call.answered;
    if (call.ended) return;
    call.ended = true;
    const hangingUp = [...call.legs.keys()].map((agentId) => this.dropLeg(call, agentId));
    if (!callerGone && call.callerUp) hangingUp.push(this.bye(call.caller));
    if (call.dialing) hangingUp.push(this.cancel(call.dialing));
    this.forget(call);
    call.mix?.room.close();
    // A call waiting for its callback has no media.
    if (!call.awaitingCallback) await this.options.relay.delete(call.callId);
    if (call.recordingSince !== null) this.keepRecording(call.callId, call.recordingSince, call.callerSource);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(hangingUp), new Promise((resolve) => (timer = setTimeout(resolve, replyWaitMs)))]);
    clearTimeout(timer);
  }

  /** Turns the ended call's pcap into its WAV and hands it on, in the background (closing waits). */
  private keepRecording(callId: string, startedAt: number, callerSource: CallerSource): void {
    const recording = this.options.recording;
    if (!recording) return;
    const saving = (async () => {
      // rtpengine names a call's files `<call-id>-<random>`: the pcap, and its metadata.
      const mine = (names: string[], suffix: string) => names.filter((n) => n.startsWith(`${callId}-`) && n.endsWith(suffix));
      const pcaps = mine(await readdir(join(recording.dir, 'pcaps')), '.pcap');
      if (pcaps.length === 0) throw new Error(`rtpengine wrote no recording of call ${callId}`);
      const wav = stereoRecording(await readFile(join(recording.dir, 'pcaps', pcaps[0]!)), callerSource);
      await recording.save({ callId, startedAt, wav });
      const metadata = await readdir(join(recording.dir, 'metadata')).catch(() => []);
      await Promise.all([
        ...pcaps.map((n) => rm(join(recording.dir, 'pcaps', n), { force: true })),
        ...metadata.filter((n) => n.startsWith(`rtpengine-meta-${callId}-`)).map((n) => rm(join(recording.dir, 'metadata', n), { force: true })),
      ]);
    })()
      .catch(this.options.onError)
      .finally(() => this.saving.delete(saving));
    this.saving.add(saving);
  }

  // ---- hold, consultation, conference and supervision: the mixer -----------------------------

  /** Music to the caller, silence to the agent side, nothing through either way. */
  private async hold(call: CustomerCall): Promise<void> {
    const relay = this.options.relay;
    await relay.block(call.callerMedia);
    await relay.block(call.agentMedia);
    await relay.play(call.agentMedia, this.options.silenceFile);
    await relay.play(call.callerMedia, this.options.musicFile);
    call.streamSince = Date.now();
    if (call.mix) call.mix.waiting = 'hold';
  }

  private async retrieve(call: CustomerCall): Promise<void> {
    const relay = this.options.relay;
    await relay.stopPlaying(call.callerMedia);
    await relay.stopPlaying(call.agentMedia);
    await relay.unblock(call.callerMedia);
    await relay.unblock(call.agentMedia);
    if (call.mix) call.mix.waiting = null;
  }

  /** The caller holds (music) while the agent talks with the consulted agent, whose phone rings with a place in the mixer. */
  private async consult(call: CustomerCall, agentId: string, targetId: string): Promise<void> {
    const mix = await this.enterRoom(call);
    await this.hold(call);
    mix.consult = { agentId, targetId };
    mix.room.setHearing(hearing(mix));
    await this.ring(call, targetId);
  }

  /** Rings the supervisor's phone with a place in the mixer; a second `monitor` only changes the mode. */
  private async monitor(call: CustomerCall, supervisorId: string, mode: MonitorMode): Promise<void> {
    const mix = await this.enterRoom(call);
    mix.monitors.set(supervisorId, mode);
    mix.room.setHearing(hearing(mix));
    await this.ring(call, supervisorId, { supervisor: true });
  }

  private stopMonitor(call: CustomerCall, supervisorId: string): void {
    void this.dropLeg(call, supervisorId);
    this.supervisorLeft(call, supervisorId);
  }

  /** The supervisor's own phone left the call: off the mixer, and the router is told (it ends the monitoring). */
  private supervisorHungUp(call: CustomerCall, supervisorId: string): void {
    this.supervisorLeft(call, supervisorId);
    if (!call.ended) this.report({ type: 'switch.supervisor_hung_up', callId: call.callId, supervisorId });
  }

  private supervisorLeft(call: CustomerCall, supervisorId: string): void {
    const mix = call.mix;
    if (!mix) return;
    mix.monitors.delete(supervisorId);
    mix.room.remove(supervisorId);
    mix.room.setHearing(hearing(mix));
  }

  /** Takes an agent off a call in the mixer; with nobody left talking with the caller, the music until the router bridges again. */
  private async releaseFromRoom(call: CustomerCall, agentId: string): Promise<void> {
    const mix = call.mix!;
    void this.dropLeg(call, agentId);
    mix.room.remove(agentId);
    mix.talking = mix.talking.filter((a) => a !== agentId);
    if (mix.consult?.agentId === agentId || mix.consult?.targetId === agentId) mix.consult = null;
    if (call.bridged === agentId) call.bridged = mix.talking[0] ?? null;
    mix.room.setHearing(hearing(mix));
    if (mix.talking.length > 0 || mix.waiting !== null) return;
    await this.options.relay.block(call.agentMedia);
    await this.options.relay.play(call.callerMedia, this.options.musicFile);
    mix.waiting = 'music';
    call.streamSince = Date.now();
  }

  /** Connects the caller with these agents in the mixer (one after a transfer, several in a conference), and ends the music. */
  private async bridgeInRoom(call: CustomerCall, agentIds: readonly string[]): Promise<void> {
    const mix = await this.enterRoom(call);
    for (const agentId of agentIds) if (!call.legs.get(agentId)?.dialog) throw new Error(`call ${call.callId}: ${agentId} has not answered`);
    const settling = call.streamSince + firstStreamMs - Date.now();
    if (mix.waiting !== null && settling > 0) await new Promise((resolve) => setTimeout(resolve, settling));
    mix.talking = [...agentIds];
    mix.consult = null;
    mix.room.setHearing(hearing(mix));
    if (mix.waiting === 'hold') await this.retrieve(call);
    if (mix.waiting === 'music') {
      await this.options.relay.stopPlaying(call.callerMedia);
      await this.options.relay.unblock(call.agentMedia);
      mix.waiting = null;
    }
    call.bridged = agentIds[0] ?? null;
  }

  /**
   * Moves the call's media into the mixer: each phone talking now is re-INVITEd to a place of its own
   * there first, then rtpengine's agent side is answered with the caller's place (the caller is never
   * re-INVITEd, and `port-latching` keeps its port). A phone sends its mix only once that is done:
   * never two streams to one phone at once.
   */
  private async enterRoom(call: CustomerCall): Promise<CallMix> {
    if (call.mix) return call.mix;
    const room = this.mixer.room();
    const talking = call.bridged ? [call.bridged] : [];
    const mix: CallMix = { room, talking, consult: null, monitors: new Map(), waiting: talking.length > 0 ? null : 'music' };
    call.mix = mix;
    const caller = await room.add('caller');
    const callerAnswer = caller.answer(call.towardAgents);
    for (const agentId of talking) {
      const dialog = call.legs.get(agentId)?.dialog;
      if (!dialog) continue;
      const place = await room.add(agentId);
      place.connect(await this.reinvite(dialog, place.offer()));
    }
    await this.options.relay.answer(call.callerMedia, agentSideTag, callerAnswer);
    room.setHearing(hearing(mix));
    for (const id of ['caller', ...talking]) {
      const place = room.get(id);
      if (place) place.sending = true;
    }
    return mix;
  }

  /** A phone rung with a place in the mixer answered: the room sends it its mix from now on. */
  private joinRoom(call: CustomerCall, leg: AgentLeg): void {
    const place = call.mix?.room.get(leg.agentId);
    if (!place || !leg.answerSdp) return;
    place.connect(leg.answerSdp);
    place.sending = true;
  }

  /** Whether an agent's phone is still on the call (the one hanging up is off it already). */
  private anotherAgentOn(call: CustomerCall): boolean {
    return call.mix !== null && [...call.legs.values()].some((leg) => leg.dialog !== null && !leg.supervisor);
  }

  /** Sends the phone a new SDP in its dialog (re-INVITE); resolves with its answer, acknowledged. */
  private reinvite(dialog: Dialog, sdp: string): Promise<string> {
    dialog.cseq += 1;
    const invite: SipRequest = {
      method: 'INVITE',
      uri: dialog.target,
      headers: {
        to: dialog.remote,
        from: dialog.local,
        'call-id': dialog.sipCallId,
        cseq: { seq: dialog.cseq, method: 'INVITE' },
        via: [],
        'max-forwards': 70,
        contact: [{ uri: this.contact, params: {} }],
        'content-type': 'application/sdp',
        ...routeOf(dialog),
      },
      content: sdp,
    };
    return new Promise((resolve, reject) =>
      this.stack.send(invite, (response) => {
        if (response.status < 200) return;
        if (response.status >= 300) return reject(new Error(`a phone refused to move into the mixer: ${response.status} ${response.reason}`));
        this.acknowledge(dialog);
        resolve(response.content ?? '');
      }),
    );
  }

  // ---- the callback key and calls Banzu places -----------------------------------------------

  /**
   * A key the caller pressed (rtpengine saw it in the RTP). 1 while waiting asks for a callback:
   * the router keeps the place, the caller hears the confirmation and the line is closed.
   */
  keyPressed(press: KeyPress): void {
    const call = this.calls.get(press.callId);
    if (!call || press.key !== '1' || press.fromTag !== call.callerMedia.tag) return;
    void this.inTurn(call, () => this.leaveForCallback(call));
  }

  private async leaveForCallback(call: CustomerCall): Promise<void> {
    // Only while the caller waits with nobody rung: the router keeps the place of a waiting caller only.
    if (call.ended || !call.callerUp || call.outbound || call.bridged !== null || call.legs.size > 0) return;
    const number = sip.parseUri(call.caller.remote.uri).user ?? '';
    // An anonymous caller cannot be called back: the key does nothing.
    if (!/^\+?\d+$/.test(number)) return;
    call.outbound = true;
    this.report({ type: 'switch.callback_requested', callId: call.callId, number });
    const confirmation = await this.options.prompts?.callbackConfirmed();
    if (confirmation) {
      await this.options.relay.playOnce(call.callerMedia, confirmation.file);
      call.closingUntil = Date.now() + confirmation.ms;
      await this.closingMessageHeard(call);
    }
    // The line is closed, the call stays: the callback rings an agent when its turn comes.
    call.callerUp = false;
    call.awaitingCallback = true;
    this.bySipCallId.delete(call.caller.sipCallId);
    void this.bye(call.caller);
    await this.options.relay.delete(call.callId);
    // The truth about the line; the router, keeping the callback, takes it as the caller leaving on purpose.
    this.report({ type: 'switch.caller_hung_up', callId: call.callId });
  }

  /**
   * Media for a call whose customer is not on the line yet (a callback's turn, an outbound call):
   * the customer's side waits on a placeholder until the customer answers, the agents' side as for a caller.
   */
  private async mediaForCallback(call: CustomerCall): Promise<void> {
    const relay = this.options.relay;
    call.towardAgents = await relay.offer(call.callerMedia, placeholderOffer(this.options.address));
    await relay.answer(call.callerMedia, agentSideTag, placeholderAnswer(call.towardAgents, this.options.address));
    await relay.block(call.agentMedia);
    call.awaitingCallback = false;
  }

  /** An outbound call the router dials from an agent: known from its originate on. */
  private placedCall(callId: string): CustomerCall {
    const call: CustomerCall = {
      callId,
      // The customer's dialog once the trunk answers; until then only its Call-ID and tag are real.
      caller: {
        sipCallId: randomUUID(),
        local: { uri: this.contact, params: { tag: randomTag() } },
        remote: { uri: this.contact, params: {} },
        target: this.contact,
        route: [],
        cseq: 1,
      },
      callerSource: { address: null, port: 0 },
      recordingSince: null,
      callerMedia: { callId, tag: randomTag() },
      agentMedia: { callId, tag: agentSideTag },
      towardAgents: '',
      agentSideShut: Promise.resolve(),
      answered: Promise.resolve(),
      legs: new Map(),
      bridged: null,
      streamSince: Date.now(),
      ended: false,
      announcements: 0,
      closingUntil: 0,
      interrupt: null,
      callerUp: false,
      outbound: true,
      dialing: null,
      awaitingCallback: true,
      work: Promise.resolve(),
      mix: null,
    };
    this.calls.set(callId, call);
    return call;
  }

  /**
   * The router's originate: the agent's phone first (already answered for a callback's offer; rung
   * now for an outbound call), then the customer through the trunk. The customer's answer is
   * reported and the router bridges; busy, no answer or a failure ends the call.
   */
  private async dialCustomer(call: CustomerCall, agentId: string, number: string): Promise<void> {
    if (!this.options.trunk) {
      this.unsupported('originate');
      return this.unreachable(call, 'failed');
    }
    if (call.awaitingCallback) await this.mediaForCallback(call);
    const answered = call.legs.get(agentId);
    if (answered?.answerSdp) return this.dialTrunk(call, answered, number);
    await this.ring(call, agentId);
    const leg = call.legs.get(agentId);
    if (!leg) return this.unreachable(call, 'failed');
    leg.placing = {
      answered: () => void this.inTurn(call, () => (call.ended ? undefined : this.dialTrunk(call, leg, number))),
      // The agent's own phone did not take the call: the customer is never dialled.
      refused: () => void this.inTurn(call, () => (call.ended ? undefined : this.unreachable(call, 'failed'))),
    };
  }

  private async dialTrunk(call: CustomerCall, leg: AgentLeg, number: string): Promise<void> {
    const relay = this.options.relay;
    // rtpengine's side toward the customer, as it would answer a caller: Banzu's offer to the trunk.
    const offer = await relay.answer(call.callerMedia, agentSideTag, leg.answerSdp!);
    const target = sip.parseUri(this.options.trunk!);
    const uri = `sip:${number}@${target.host}${target.port ? `:${target.port}` : ''}`;
    const invite: SipRequest = {
      method: 'INVITE',
      uri,
      headers: {
        to: { uri, params: {} },
        from: { uri: `sip:banzu@${this.options.address}`, params: { tag: call.callerMedia.tag } },
        'call-id': call.caller.sipCallId,
        cseq: { seq: 1, method: 'INVITE' },
        contact: [{ uri: this.contact, params: {} }],
        'max-forwards': 70,
        'content-type': 'application/sdp',
      },
      content: offer,
    };
    call.dialing = invite;
    // The customer's BYE (or a CANCEL of ours crossing its answer) finds the call.
    this.bySipCallId.set(call.caller.sipCallId, { call, agentId: null });
    this.stack.send(invite, (response) => this.onCustomerResponse(call, leg, invite, response));
  }

  private onCustomerResponse(call: CustomerCall, leg: AgentLeg, invite: SipRequest, response: SipResponse): void {
    if (response.status < 200) return;
    if (response.status >= 300) {
      if (call.dialing !== invite) return;
      call.dialing = null;
      const cause = [486, 600].includes(response.status) ? 'busy' : [408, 480, 487].includes(response.status) ? 'no_answer' : 'failed';
      void this.inTurn(call, () => this.unreachable(call, cause));
      return;
    }
    const dialog: Dialog = {
      sipCallId: invite.headers['call-id'],
      local: invite.headers.from,
      remote: response.headers.to,
      target: response.headers.contact?.[0]?.uri ?? invite.uri,
      route: [...(response.headers['record-route'] ?? [])].reverse(),
      cseq: 1,
    };
    this.acknowledge(dialog);
    if (call.dialing !== invite) {
      // Answered as the call ended (our CANCEL crossed the answer), or a retransmitted 200 OK.
      if (call.ended) void this.bye(dialog);
      return;
    }
    call.dialing = null;
    void this.inTurn(call, async () => {
      if (call.ended || !response.content) return;
      const relay = this.options.relay;
      call.caller = dialog;
      call.callerUp = true;
      call.callerSource = audioStream(response.content);
      // The customer's real media replaces the placeholder; the agent's side stays as its phone knows it.
      await relay.offer(call.callerMedia, response.content);
      await relay.answer(call.callerMedia, agentSideTag, leg.answerSdp!);
      // A stream to stop at the bridge, as the music is for a caller (the bridge waits for it to settle).
      await relay.play(call.callerMedia, this.options.silenceFile);
      call.streamSince = Date.now();
      this.report({ type: 'switch.customer_answered', callId: call.callId });
    });
  }

  /** The customer could not be reached: reported, and the agent's leg and the media go. */
  private async unreachable(call: CustomerCall, cause: 'busy' | 'no_answer' | 'failed'): Promise<void> {
    if (call.ended) return;
    this.report({ type: 'switch.customer_unreachable', callId: call.callId, cause });
    await this.end(call);
  }

  // ---- announcements -------------------------------------------------------------------------

  /**
   * Plays the router's prompt to the waiting caller once, then the music again. The after-hours
   * message is followed by the router's hang-up, which waits until it has been heard.
   */
  private async announce(call: CustomerCall, prompt: Prompt): Promise<void> {
    const prompts = this.options.prompts;
    // Announcements are for a caller who waits; once an agent talks they would only interrupt.
    if (!prompts || call.bridged !== null) return;
    const played: PromptFile = prompt.kind === 'position' ? await prompts.position(prompt.position, prompt.estimatedWaitSeconds) : await prompts.closed(prompt.message);
    if (call.ended) return;
    await this.options.relay.playOnce(call.callerMedia, played.file);
    call.streamSince = Date.now();
    if (prompt.kind === 'closed') {
      call.closingUntil = Date.now() + played.ms;
      return;
    }
    const announcement = ++call.announcements;
    // A little after its end: rtpengine starts playing a file a moment after it was asked.
    setTimeout(() => {
      void this.inTurn(call, async () => {
        if (call.ended || !call.callerUp || call.bridged !== null || call.announcements !== announcement) return;
        await this.options.relay.play(call.callerMedia, this.options.musicFile);
        call.streamSince = Date.now();
      });
    }, played.ms + 200).unref();
  }

  /** Waits until the after-hours message has played to its end, or the caller hung up. */
  private async closingMessageHeard(call: CustomerCall): Promise<void> {
    const left = call.closingUntil + 200 - Date.now();
    if (left <= 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, left);
      call.interrupt = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    call.interrupt = null;
  }

  // ---- SIP plumbing --------------------------------------------------------------------------

  private removeLeg(call: CustomerCall, leg: AgentLeg): void {
    call.legs.delete(leg.agentId);
    // A late answer still arrives on the INVITE's transaction (and is hung up); a late BYE finds nothing to do.
    this.bySipCallId.delete(leg.invite.headers['call-id']);
  }

  private forget(call: CustomerCall): void {
    this.calls.delete(call.callId);
    this.bySipCallId.delete(call.caller.sipCallId);
  }

  private reply(request: SipRequest, status: number, reason: string): void {
    this.stack.send(sip.makeResponse(request, status, reason));
  }

  private acknowledge(dialog: Dialog): void {
    this.stack.send({
      method: 'ACK',
      uri: dialog.target,
      headers: { to: dialog.remote, from: dialog.local, 'call-id': dialog.sipCallId, cseq: { seq: dialog.cseq, method: 'ACK' }, via: [], 'max-forwards': 70, ...routeOf(dialog) },
    });
  }

  /** Resolves once the other side replied. */
  private bye(dialog: Dialog): Promise<void> {
    dialog.cseq += 1;
    return this.request({
      method: 'BYE',
      uri: dialog.target,
      headers: { to: dialog.remote, from: dialog.local, 'call-id': dialog.sipCallId, cseq: { seq: dialog.cseq, method: 'BYE' }, via: [], 'max-forwards': 70, ...routeOf(dialog) },
    });
  }

  private cancel(invite: SipRequest): Promise<void> {
    return this.request({
      method: 'CANCEL',
      uri: invite.uri,
      headers: {
        to: invite.headers.to,
        from: invite.headers.from,
        'call-id': invite.headers['call-id'],
        cseq: { seq: invite.headers.cseq.seq, method: 'CANCEL' },
        // The INVITE's own Via (branch included): that is how the proxy finds what to cancel.
        via: invite.headers.via?.slice(0, 1) ?? [],
        'max-forwards': 70,
      },
    });
  }

  /** Sends a request outside any INVITE; resolves on its final response. */
  private request(request: SipRequest): Promise<void> {
    return new Promise((resolve) =>
      this.stack.send(request, (response) => {
        if (response.status >= 200) resolve();
      }),
    );
  }

  private report(event: SwitchEvent): void {
    this.handler?.(event);
  }

  private inTurn(call: CustomerCall, step: () => void | Promise<void>): Promise<void> {
    call.work = call.work.then(step).catch(this.options.onError);
    return call.work;
  }
}

/** The Route header of an in-dialog request (a copy: the SIP stack may rewrite it), none without a route set. */
function routeOf(dialog: Dialog): { route?: NameAddr[] } {
  return dialog.route.length > 0 ? { route: dialog.route.map((r) => ({ ...r })) } : {};
}

function randomTag(): string {
  return randomUUID().replaceAll('-', '').slice(0, 16);
}
