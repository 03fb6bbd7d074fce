import { useEffect, useRef, useState } from 'react';
import type { SoftphoneAnswer } from '@banzu/contract';
import { api } from '../../api/client';
import { browserDeps } from './browser';
import { Softphone, type SoftphoneDeps, type SoftphoneState } from './phone';

export interface UseSoftphone {
  /** off: the server runs no SIP switch (or has not answered yet); password_missing: no SIP password set. */
  mode: 'off' | 'password_missing' | 'on';
  phone: Softphone | null;
  state: SoftphoneState | null;
}

/**
 * Asks the server for the agent's softphone settings once the desktop opens and, when the server
 * runs the SIP switch, registers the softphone until the desktop closes.
 *
 * @example
 * const softphone = useSoftphone();
 * if (softphone.state?.call === 'ringing') await softphone.phone?.answer();
 */
export function useSoftphone(deps: () => SoftphoneDeps = browserDeps): UseSoftphone {
  const [answer, setAnswer] = useState<SoftphoneAnswer | null>(null);
  const [phone, setPhone] = useState<Softphone | null>(null);
  const [state, setState] = useState<SoftphoneState | null>(null);
  // Read when the settings arrive: a new function each render must not start another softphone.
  const depsOf = useRef(deps);
  depsOf.current = deps;

  useEffect(() => {
    let live = true;
    api<SoftphoneAnswer>('GET', '/api/v1/desktop/softphone')
      .then((a) => live && setAnswer(a))
      // Without an answer the desktop works as without a SIP switch.
      .catch(() => live && setAnswer({ softphone: null, passwordMissing: false }));
    return () => {
      live = false;
    };
  }, []);

  const settings = answer?.softphone ?? null;
  useEffect(() => {
    if (!settings) return;
    const created = new Softphone(settings, depsOf.current());
    setPhone(created);
    setState(created.current);
    const unsubscribe = created.subscribe(setState);
    created.start();
    return () => {
      unsubscribe();
      created.stop();
      setPhone(null);
      setState(null);
    };
  }, [settings]);

  return { mode: settings ? 'on' : answer?.passwordMissing ? 'password_missing' : 'off', phone, state };
}
