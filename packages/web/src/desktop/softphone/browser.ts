import { UA, WebSocketInterface } from 'jssip';
import type { SoftphoneDeps, UaLike } from './phone';

/** JsSIP over the browser's WebSocket and microphone: what the desktop runs (tests give fakes instead). */
export function browserDeps(): SoftphoneDeps {
  const media = globalThis.navigator?.mediaDevices;
  return {
    createUa: (settings) =>
      new UA({
        sockets: [new WebSocketInterface(settings.wsUrl)],
        uri: settings.uri,
        realm: settings.realm,
        // The digest HA1, never the password: the server keeps nothing else.
        ha1: settings.ha1,
        display_name: settings.displayName,
        register: true,
        session_timers: false,
        user_agent: 'Banzu softphone',
      }) as unknown as UaLike,
    getUserMedia: media?.getUserMedia ? (constraints) => media.getUserMedia(constraints) : undefined,
  };
}
