/**
 * The telephony switch port: the commands the routing core issues and the events it consumes.
 *
 * @example
 * const arrived: SwitchEvent = { type: 'switch.call_arrived', callId: 'c1', from: '13800000000', to: '95555', queueId: 'sales', vipLevel: 2 };
 */
export type { Prompt, SwitchCommand, SwitchEvent, SwitchPort } from './port';
