import { useCallback, useEffect, useRef, useState } from 'react';
import { App } from 'antd';
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
