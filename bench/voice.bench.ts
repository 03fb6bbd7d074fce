/**
 * Real voice benchmark (#14): how many concurrent recorded calls one machine carries through
 * Kamailio, rtpengine (forwarding in userspace) and the B2BUA, and how long a call takes from the
 * caller's INVITE to the ring of a ready agent's phone. Callers and agents' phones are small SIP
 * user agents in a process of their own (bench/voice-phones.ts; baresip would take a process per
 * call), each sending a G.711 tone every 20 ms and keeping what it sent and received; a stand-in for
 * the router, here beside the B2BUA, offers each call to a free agent at once, bridges on the answer
 * and records. Levels of concurrent calls rise to 100; a level breaks when a leg misses more than 1 %
 * of its packets, or hears nothing for 100 ms or more, in eight seconds of talk. Beside it: the
 * phones' process's own longest stall, the longest pause in what the phones sent, and the longest
 * silence in what rtpengine itself received from each leg (the times in its recording's pcap), which
 * tell a silence of the phones from one of the switch. rtpengine's CPU is read from /proc over the
 * same seconds.
 *
 * Needs the Debian packages of docs/voice.md; skipped (no rows) without them. Runs on demand only:
 * `npm run bench voice`.
 */
import { execFileSync, fork } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { setPriority, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SwitchEvent } from '../packages/core/src/index';
import { sipHa1 } from '../packages/server/src/sip-accounts/index';
import { startSipSwitch } from '../packages/server/src/voice/index';
import { receivedTimes } from '../packages/server/src/voice/recording';
import type { BenchResult } from './index';
import type { PhonesReply, PhonesRequest } from './voice-phones';

const address = '127.0.0.1';
const base = 21_000;
const ports = { sip: base, b2bua: base + 1, ng: base + 2, agents: base + 10, callers: base + 11, rtp: { min: base + 100, max: base + 999 } };
const levels = [10, 25, 50, 75, 100];
const talkSeconds = 8;
const password = 'bench-password';
const queueNumber = '4008001001';
const here = dirname(fileURLToPath(import.meta.url));

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** rtpengine's CPU time so far, in seconds (utime + stime of /proc/<pid>/stat). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function installed(): boolean {
  try {
    execFileSync('sh', ['-c', 'command -v kamailio && command -v rtpengine && command -v espeak-ng && command -v sox'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The phones' process: each request answered by the reply of the type asked for. */
function startPhones() {
  const child = fork(join(here, '..', 'packages', 'server', 'bin', 'run-ts.js'), [join(here, 'voice-phones.ts')], { stdio: 'inherit' });
  // The phones stand for phones on other machines: ahead of the rest of a busy machine (where allowed),
  // so that what they send and hear is on time and a silence they measure is the switch's.
  let niced = true;
  try {
    setPriority(child.pid ?? 0, -10);
  } catch {
    niced = false;
  }
  const waiting: { type: PhonesReply['type']; resolve: (reply: PhonesReply) => void; reject: (err: Error) => void }[] = [];
  child.on('message', (reply: PhonesReply) => {
    const i = waiting.findIndex((w) => w.type === reply.type);
    if (i >= 0) waiting.splice(i, 1)[0]!.resolve(reply);
  });
  child.on('exit', () => {
    for (const w of waiting.splice(0)) w.reject(new Error('the phones’ process exited'));
  });
  return {
    niced,
    ask<T extends PhonesReply['type']>(request: PhonesRequest, type: T): Promise<Extract<PhonesReply, { type: T }>> {
      return new Promise((resolve, reject) => {
        waiting.push({ type, resolve: resolve as (reply: PhonesReply) => void, reject });
        child.send(request);
      });
    },
    close(): void {
      if (child.connected) child.send({ type: 'close' } satisfies PhonesRequest);
    },
  };
}

/** The longest silence between `from` and `to` in one stream of packet times. */
function longestSilence(times: readonly number[], from: number, to: number): number {
  const all = [from, ...times.filter((t) => t >= from && t <= to), to];
  let gap = 0;
  for (let i = 1; i < all.length; i++) gap = Math.max(gap, all[i]! - all[i - 1]!);
  return gap;
}

export default async function (): Promise<BenchResult[]> {
  if (!installed()) {
    console.log('voice.bench.ts: kamailio, rtpengine, sox or espeak-ng is not installed: skipped');
    return [];
  }
  const dir = mkdtempSync(join(tmpdir(), 'banzu-bench-voice-'));
  const agents = Array.from({ length: Math.max(...levels) }, (_, i) => `b${String(i + 1).padStart(3, '0')}`);
  const pcaps = join(dir, 'recording-spool', 'pcaps');
  /** What rtpengine received from each source (address:port) of the calls recorded so far, read from their pcaps as they are saved. */
  const received = new Map<string, number[]>();
  let recordings = 0;
  const sw = await startSipSwitch({
    dir,
    address,
    sipPort: ports.sip,
    b2buaPort: ports.b2bua,
    ngPort: ports.ng,
    rtpPorts: ports.rtp,
    queueNumbers: { [queueNumber]: 'bench' },
    accounts: async () => agents.map((user) => ({ user, ha1: sipHa1(user, 'banzu', password) })),
    realm: 'banzu',
    trunks: [address],
    // The pcap is still there while the recording is saved: rtpengine's own times of every packet it received.
    saveRecording: async ({ callId }) => {
      recordings++;
      for (const name of readdirSync(pcaps).filter((n) => n.startsWith(`${callId}-`))) {
        for (const [source, times] of receivedTimes(readFileSync(join(pcaps, name)))) received.set(source, [...(received.get(source) ?? []), ...times]);
      }
    },
    onError: (err) => console.error('switch:', err),
  });
  const phones = startPhones();
  console.log(`voice.bench.ts: the phones' process runs at nice ${phones.niced ? -10 : 'unchanged (not allowed)'}`);

  // A stand-in for the router: a ready agent for every call, bridged and recorded on the answer.
  const free = new Set(agents);
  const agentOf = new Map<string, string>();
  const bridged = new Set<string>();
  sw.port.onEvent((event: SwitchEvent) => {
    if (event.type === 'switch.call_arrived') {
      const agentId = free.values().next().value as string;
      free.delete(agentId);
      agentOf.set(event.callId, agentId);
      sw.port.execute([{ type: 'offer', callId: event.callId, agentId, ringTimeoutSeconds: 15 }]);
    } else if (event.type === 'switch.agent_answered') {
      sw.port.execute([
        { type: 'bridge', callId: event.callId, agentIds: [event.agentId] },
        { type: 'record', callId: event.callId },
      ]);
      bridged.add(event.callId);
    } else if (event.type === 'switch.caller_hung_up') {
      free.add(agentOf.get(event.callId)!);
      bridged.delete(event.callId);
    }
  });

  const rtpengine = Number(readFileSync(join(dir, 'rtpengine.pid'), 'utf8').trim());
  const results: BenchResult[] = [];
  const inviteToRing: number[] = [];
  let carried = 0;
  let brokeAt: number | null = null;
  try {
    await phones.ask({ type: 'register', agents, password, sipPort: ports.sip, agentsPort: ports.agents, callersPort: ports.callers }, 'registered');
    for (const level of levels) {
      const arrivedBefore = bridged.size;
      const savedBefore = recordings;
      const called = await phones.ask({ type: 'call', level, queueNumber }, 'called');
      inviteToRing.push(...called.inviteToRing);
      const deadline = performance.now() + 60_000;
      while (bridged.size < arrivedBefore + level && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      // The bridge waits a second of music; then talk.
      await new Promise((r) => setTimeout(r, 2000));
      const cpuFrom = cpuSeconds(rtpengine);
      const measured = await phones.ask({ type: 'measure', seconds: talkSeconds }, 'measured');
      const cpu = (cpuSeconds(rtpengine) - cpuFrom) / ((measured.to - measured.from) / 1000);
      await phones.ask({ type: 'hang_up' }, 'hung_up');
      const settle = performance.now() + 30_000;
      while ((bridged.size > 0 || recordings < savedBefore + level) && performance.now() < settle) await new Promise((r) => setTimeout(r, 100));
      const worst = (pick: (leg: (typeof measured.legs)[number]) => number) => Math.max(0, ...measured.legs.map(pick));
      // What rtpengine received from each leg over the same seconds: only the legs it recorded (the calls of this level).
      const atRelay = measured.legs.filter((leg) => received.has(leg.source)).map((leg) => longestSilence(received.get(leg.source)!, measured.from, measured.to));
      received.clear();
      const heardGap = worst((l) => l.heardGap);
      const clean = bridged.size === 0 && measured.legs.length >= 2 * level && worst((l) => l.lost) <= 0.01 && heardGap < 100;
      console.log(
        `voice.bench.ts: ${level} calls: rtpengine ${(cpu * 100).toFixed(1)} % of a core, worst leg lost ${(worst((l) => l.lost) * 100).toFixed(2)} %, longest silence heard ${heardGap.toFixed(0)} ms; longest pause sent ${worst((l) => l.sentGap).toFixed(0)} ms, received by rtpengine ${Math.max(0, ...atRelay).toFixed(0)} ms (${atRelay.length} legs); the phones' longest stall ${measured.stall.toFixed(0)} ms${clean ? '' : ': BROKEN'}`,
      );
      results.push({ name: `${level} calls: rtpengine CPU per call`, value: (cpu * 100) / level, unit: '% core' });
      results.push({ name: `${level} calls: rtpengine received, longest silence`, value: Math.max(0, ...atRelay), unit: 'ms' });
      results.push({ name: `${level} calls: worst leg's longest silence heard`, value: heardGap, unit: 'ms', target: '< 100 ms', ok: clean });
      // Every level runs: on a shared machine one stall breaks a level that the next one carries.
      if (!clean) brokeAt ??= level;
      else if (brokeAt === null) carried = level;
    }
  } finally {
    phones.close();
    await sw.close();
    rmSync(dir, { recursive: true, force: true });
  }
  results.push({ name: 'concurrent recorded calls without a break', value: carried, unit: 'calls', target: '≥ 100', ok: carried >= 100 });
  if (brokeAt !== null) results.push({ name: 'concurrent calls at which audio broke', value: brokeAt, unit: 'calls' });
  results.push({ name: 'recordings saved', value: recordings, unit: 'calls' });
  results.push({ name: 'INVITE → ring of a ready agent, p50', value: percentile(inviteToRing, 50), unit: 'ms' });
  results.push({ name: 'INVITE → ring of a ready agent, p99', value: percentile(inviteToRing, 99), unit: 'ms', target: '< 100 ms', ok: percentile(inviteToRing, 99) < 100 });
  return results;
}
