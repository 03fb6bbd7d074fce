import { resolve } from 'node:path';
import type { Config } from '../config/index';
import type { FloorConnection, FloorEngine } from '../floor/index';
import { queueOfNumber } from '../org/index';
import { recordingsDir, saveRecording } from '../recordings/index';
import { listSipAccounts, sipRealm, type SipEdge } from '../sip-accounts/index';
import type { Store } from '../store/index';
import { startSipSwitch } from '../voice/index';

/** The SIP switch as start-up runs it: the floor's connection, what is down for /ready, and its end. */
export interface ConfiguredSwitch {
  connect(): FloorConnection;
  /** The daemons that do not answer (empty when all is well). */
  problems(): Promise<string[]>;
  /** Where agents' SIP passwords take effect and the desktop's softphone registers. */
  edge: SipEdge;
  close(): Promise<void>;
}

/**
 * Starts real telephony as configured (`BANZU_SWITCH=sip`): Kamailio, rtpengine and the B2BUA.
 * Queue numbers and agents' 工号 are read from the store at each call and each offer, so a number
 * or an agent added in the console is callable at once, with no reload. Recorded calls are saved
 * under the recordings directory with their rows.
 *
 * @example
 * const sip = await startConfiguredSwitch(config, store, onError);
 * const floor = await startFloor(banzu, { connect: sip.connect, onError });
 * // … await floor.close(); await sip.close();
 */
export async function startConfiguredSwitch(config: Config, store: Store, onError: (err: unknown) => void): Promise<ConfiguredSwitch> {
  const sip = await startSipSwitch({
    dir: resolve(config.voiceDir ?? resolve(config.dataDir, 'voice')),
    address: config.sipAddress,
    sipPort: config.sipPort,
    b2buaPort: config.b2buaPort,
    ngPort: config.rtpengineNgPort,
    rtpPorts: config.rtpPorts,
    accounts: () => listSipAccounts(store),
    realm: sipRealm,
    trunks: config.sipTrunks,
    ...(config.sipTrunkUri ? { trunkUri: config.sipTrunkUri } : {}),
    wsPort: config.sipWsPort,
    queueNumbers: (dialled) => queueOfNumber(store, dialled),
    extensionOf: async (agentId) => {
      const [agent] = await store.query<{ employee_no: string }>('SELECT employee_no FROM agents WHERE user_id = $1', [agentId]);
      return agent?.employee_no ?? agentId;
    },
    // Recorded calls land where the simulated switch's do, and play from the same route.
    saveRecording: (recording) => saveRecording(store, recordingsDir(config), recording),
    onError,
  });
  return {
    connect: () => ({ switch: sip.port, resumed: endCallsOfTheLastRun }),
    problems: () => sip.problems(),
    edge: { address: config.sipAddress, wsPort: config.sipWsPort, accountsChanged: () => sip.accountsChanged() },
    close: () => sip.close(),
  };
}

/**
 * After a restart the B2BUA holds no call of the last run (its dialogs and media were in the
 * process that stopped): every call the resumed router still has is ended as if the caller had hung
 * up (a dial that had not connected as unreachable), so it is logged and its agent leaves the call.
 * The phones' legs of those calls get nothing more and time out on their side.
 */
function endCallsOfTheLastRun(engine: FloorEngine): void {
  for (const callId of engine.router.liveCalls()) {
    const dialing = engine.router.call(callId)?.status === 'dialing';
    engine.command(dialing ? { type: 'switch.customer_unreachable', callId, cause: 'failed' } : { type: 'switch.caller_hung_up', callId });
  }
}
