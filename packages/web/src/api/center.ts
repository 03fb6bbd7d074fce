import { useCallback, useEffect, useRef, useState } from 'react';
import { App } from 'antd';
import { wallClock } from '@banzu/core';
import { api, refusalText } from './client';

/**
 * The center's time zone, for showing dates and times on the center's clock rather than the
 * browser's; null until the server has answered.
 *
 * @example
 * const timeZone = useCenterTimeZone() ?? 'Asia/Shanghai';
 */
export function useCenterTimeZone(): string | null {
  const [timeZone, setTimeZone] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api<{ timeZone: string }>('GET', '/api/v1/center').then(
      (center) => live && setTimeZone(center.timeZone),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return timeZone;
}

/**
 * Shows a failed request's refusal as a message. The same function on every render, so loaders that
 * depend on it load once.
 *
 * @example
 * const refuse = useRefusal();
 * api('POST', '/api/v1/discipline/praise', body).catch(refuse);
 */
export function useRefusal(): (err: unknown) => void {
  const { message } = App.useApp();
  const latest = useRef(message);
  latest.current = message;
  return useCallback((err: unknown) => void latest.current.error(refusalText(err)), []);
}

/**
 * An instant on the center's wall clock, `YYYY-MM-DD HH:mm` (or `HH:mm:ss` with `seconds`); empty
 * for a missing time. Every screen shows times this way, whatever the browser's own zone.
 *
 * @example
 * centerDateTime('2026-01-05T01:30:12Z', 'Asia/Shanghai'); // '2026-01-05 09:30'
 */
export function centerDateTime(at: string | number | null | undefined, timeZone: string, { seconds = false } = {}): string {
  if (at === null || at === undefined) return '';
  return wallClock(typeof at === 'string' ? Date.parse(at) : at, timeZone, { seconds });
}
