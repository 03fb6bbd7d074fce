import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { B2bua, type CallRecording, type QueueNumbers } from './b2bua';
import { keepRunning, stopLeftover, type KeptChild } from './child';
import { listenForKeys } from './dtmf';
import { startKamailio, writeSipAccounts, type SipAccount } from './kamailio';
import { Prompts } from './prompts';
import { MediaRelay, startRtpengine } from './rtpengine';
import { sipPing } from './sip-ping';
import { writeSilence, writeTone } from './tone';

export { B2bua, type B2buaOptions, type CallRecording, type QueueNumbers } from './b2bua';
export { stereoRecording } from './recording';
export { kamailioConfig, writeSipAccounts, type SipAccount } from './kamailio';
export { audioStream, placeholderAnswer } from './sdp';
export { writeTone } from './tone';

export interface SipSwitchOptions {
  /** Where the generated configurations and music go (created if missing). */
  dir: string;
  /** The one address everything listens on; loopback unless told otherwise. */
  address?: string;
  /** Kamailio's SIP port, where phones register and callers call. */
  sipPort: number;
  /** The B2BUA's own SIP port, behind Kamailio. */
  b2buaPort: number;
  /** rtpengine's ng control port. */
  ngPort: number;
  rtpPorts: { min: number; max: number };
  /** Dialled number → queue id: a fixed map, or a look-up at each call's arrival (then Kamailio passes every all-digit number). */
  queueNumbers: QueueNumbers;
  /** The agents' SIP accounts (user = 工号, HA1 under `realm`): read at start and at each `accountsChanged()`. */
  accounts: () => Promise<SipAccount[]>;
  /** The digest realm of the accounts' HA1. */
  realm: string;
  /** Addresses or networks of trunks, whose calls need no password (the B2BUA's own always pass). */
  trunks: readonly string[];
  /** SIP over WebSocket for browsers' softphones; none without it. */
  wsPort?: number;
  /**
   * Music on hold (WAV); a quiet 1000 Hz tone is generated without one. The announcements are under
   * `<dir>/prompts`: spoken by espeak-ng's Mandarin voice at the first start, replaceable by recordings.
   */
  musicFile?: string;
  /** The SIP user an agent's phone registers as (the 工号), looked up at each offer; the agent id unless told otherwise. */
  extensionOf?: (agentId: string) => string | Promise<string>;
  /** Where callbacks and outbound calls go (`BANZU_SIP_TRUNK_URI`, e.g. `sip:10.0.0.5:5060`); without it they fail. */
  trunkUri?: string;
  /** Keeps a recorded call (the router's `record`) once it ended; without it the switch does not record. */
  saveRecording?: (recording: CallRecording) => Promise<void>;
  onError: (err: unknown) => void;
}

export interface SipSwitch {
  /** The switch port the floor drives (`startFloor(..., { connect: () => ({ switch: sip.port }) })`). */
  port: B2bua;
  /** What does not answer now ("kamailio is not answering on 127.0.0.1:5060"); empty when both do. */
  problems(): Promise<string[]>;
  /** Writes the accounts again (a password was set): it counts for the next registration. */
  accountsChanged(): Promise<void>;
  /** Hangs up every call, then stops the B2BUA, Kamailio and rtpengine (gracefully). */
  close(): Promise<void>;
}

/**
 * Starts real telephony on this machine: rtpengine for media, Kamailio as the SIP edge and
 * registrar, and Banzu's B2BUA between them as the floor's switch port. Needs the Debian packages
 * kamailio, rtpengine-daemon, sox and espeak-ng (docs/voice.md).
 *
 * @example
 * const sip = await startSipSwitch({ dir: join(dataDir, 'voice'), sipPort: 5060, b2buaPort: 5070, ngPort: 2223,
 *   rtpPorts: { min: 30000, max: 30999 }, queueNumbers: { '4008001001': 'presales' }, onError: log.error });
 * const floor = await startFloor(banzu, { connect: () => ({ switch: sip.port }), onError: log.error });
 * // … on shutdown: await floor.close(); await sip.close();
 */
export async function startSipSwitch(options: SipSwitchOptions): Promise<SipSwitch> {
  const address = options.address ?? '127.0.0.1';
  await mkdir(options.dir, { recursive: true });
  let musicFile = options.musicFile;
  if (!musicFile) {
    musicFile = join(options.dir, 'music.wav');
    await writeTone(musicFile, { hz: 1000, seconds: 30, gainDb: -6 });
  }
  const silenceFile = join(options.dir, 'silence.wav');
  await writeSilence(silenceFile, 30);
  // Spoken by espeak-ng at the first start; a recording put in their place is used instead.
  const prompts = await Prompts.prepare(join(options.dir, 'prompts'));
  const accountsDir = join(options.dir, 'accounts');
  const writeAccounts = async () => writeSipAccounts(accountsDir, await options.accounts());
  await writeAccounts();
  const children: KeptChild[] = [];
  const stopChildren = () => Promise.all(children.map((c) => c.stop()));
  let relay: MediaRelay | undefined;
  // rtpengine tells the keys callers press (the callback key) here; the B2BUA is made after rtpengine.
  let b2bua: B2bua | undefined;
  const keys = await listenForKeys(address, (press) => b2bua?.keyPressed(press));
  try {
    // rtpengine's pcaps wait here until the call ends and its WAV is saved.
    const recordingDir = join(options.dir, 'recording-spool');
    const rtpengineOptions = { address, ngPort: options.ngPort, rtpPorts: options.rtpPorts, dtmfLogPort: keys.port, ...(options.saveRecording ? { recordingDir } : {}) };
    const rtpengine = () => startRtpengine(options.dir, rtpengineOptions);
    // Each daemon is started again when it exits (a crash, a kill): /ready names it until it is back.
    children.push(keepRunning(await rtpengine(), rtpengine, { onError: options.onError }));
    // A Kamailio that a killed Banzu left behind would hold the SIP port.
    await stopLeftover(join(options.dir, 'kamailio.pid'), 'kamailio');
    const kamailio = () =>
      startKamailio(options.dir, {
        address,
        port: options.sipPort,
        b2buaPort: options.b2buaPort,
        realm: options.realm,
        accountsDir,
        trunks: options.trunks,
        ...(options.wsPort === undefined ? {} : { wsPort: options.wsPort, ngPort: options.ngPort }),
        ...(typeof options.queueNumbers === 'function' ? {} : { queueNumbers: Object.keys(options.queueNumbers) }),
      });
    children.push(keepRunning(await kamailio(), kamailio, { onError: options.onError }));
    relay = new MediaRelay(address, options.ngPort, undefined, options.onError);
    const port = new B2bua({
      address,
      port: options.b2buaPort,
      proxy: { address, port: options.sipPort },
      relay,
      rtpPorts: options.rtpPorts,
      queueNumbers: options.queueNumbers,
      musicFile,
      silenceFile,
      prompts,
      ...(options.trunkUri ? { trunk: options.trunkUri } : {}),
      ...(options.extensionOf ? { extensionOf: options.extensionOf } : {}),
      ...(options.saveRecording ? { recording: { dir: recordingDir, save: options.saveRecording } } : {}),
      onError: options.onError,
    });
    b2bua = port;
    const media = relay;
    return {
      port,
      async problems() {
        const [rtpengineUp, kamailioUp] = await Promise.all([media.ping().catch(() => false), sipPing(address, options.sipPort, 2000).catch(() => false)]);
        return [
          ...(rtpengineUp ? [] : [`rtpengine is not answering on ${address}:${options.ngPort}`]),
          ...(kamailioUp ? [] : [`kamailio is not answering on ${address}:${options.sipPort}`]),
        ];
      },
      accountsChanged: writeAccounts,
      async close() {
        await port.close();
        keys.close();
        media.close();
        await stopChildren();
      },
    };
  } catch (err) {
    keys.close();
    relay?.close();
    await stopChildren();
    throw err;
  }
}
