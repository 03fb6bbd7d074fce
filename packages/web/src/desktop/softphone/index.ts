/**
 * The agent desktop's WebRTC softphone (JsSIP): registers as the agent's SIP account when the
 * server runs the SIP switch, rings for offered calls, answers and hangs up from the desktop's buttons.
 *
 * @example
 * const softphone = useSoftphone();
 * <SoftphoneCard softphone={softphone} />
 */
export { SoftphoneCard } from './SoftphoneCard';
export { useSoftphone, type UseSoftphone } from './useSoftphone';
export { Softphone, microphoneProblem, type SoftphoneDeps, type SoftphoneState, type UaLike, type SessionLike } from './phone';
export { softphoneEn, softphoneZh } from './messages';
