import { useEffect, useState } from 'react';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';

/** What `/ready` says while the SIP switch is down: `{ status: 'switch down', problems: ['kamailio is not answering on …'] }`. */
interface Readiness {
  status: string;
  problems?: string[];
}

/** The parts of the switch the server names (its messages start with the daemon's name). */
const parts = ['kamailio', 'rtpengine'] as const;

/**
 * A red banner on the wallboard while the switch is offline (Kamailio or rtpengine not answering):
 * it asks `/ready` every `everyMs` and names the part that is down. Nothing while all is well, nor
 * for a store that is reconnecting (the live feed's badge shows that).
 *
 * @example
 * <SwitchBanner everyMs={10_000} />
 */
export function SwitchBanner({ everyMs = 10_000 }: { everyMs?: number }) {
  const { t } = useTranslation();
  const [down, setDown] = useState<string[]>([]);
  useEffect(() => {
    let stopped = false;
    const check = async () => {
      const readiness = await Promise.resolve()
        .then(() => fetch('/ready'))
        .then((r) => r.json() as Promise<Readiness>)
        .catch(() => null);
      if (!stopped && readiness) setDown(readiness.status === 'switch down' ? (readiness.problems ?? []) : []);
    };
    void check();
    const timer = setInterval(() => void check(), everyMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [everyMs]);
  if (down.length === 0) return null;
  const named = down.map((problem) => {
    const part = parts.find((p) => problem.startsWith(p));
    return part ? t(`switchStatus.${part}`) : problem;
  });
  return <Alert type="error" showIcon title={t('switchStatus.offline', { parts: named.join('、') })} />;
}
