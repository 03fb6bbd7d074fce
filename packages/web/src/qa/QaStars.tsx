import { useEffect, useState } from 'react';
import { Card, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { QaStarEntry } from '@banzu/contract';
import { api } from '../api/client';
import { showScore } from './format';

/** How often the stars are read again: a wallboard stays open all day, and scores are confirmed through it (and the day turns). */
export const STARS_EVERY_MS = 5 * 60_000;

/**
 * 质检明星 of the day and the month per team, from confirmed scores; also on the wallboard, where
 * they are read again every `everyMs`.
 *
 * @example
 * <QaStars />
 */
export function QaStars({ everyMs = STARS_EVERY_MS }: { everyMs?: number }) {
  const { t } = useTranslation();
  const [stars, setStars] = useState<{ day: QaStarEntry[]; month: QaStarEntry[] } | null>(null);
  useEffect(() => {
    let stopped = false;
    const read = () =>
      Promise.all([api<QaStarEntry[]>('GET', '/api/v1/qa/stars?period=day'), api<QaStarEntry[]>('GET', '/api/v1/qa/stars?period=month')]).then(
        ([day, month]) => !stopped && setStars({ day, month }),
        // The stars greet the floor; nobody waits for them: a failed reading keeps the last stars (none at first: the card stays away).
        () => undefined,
      );
    void read();
    const timer = setInterval(() => void read(), everyMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [everyMs]);
  if (!stars) return null;
  const list = (entries: QaStarEntry[]) =>
    entries.length === 0 ? (
      <span>{t('qa.stars.none')}</span>
    ) : (
      entries.map((s) => (
        <div key={`${s.teamId}-${s.agentId}`}>
          ⭐ {s.teamName} · <strong>{s.agentName}</strong> · {t('qa.stars.average', { score: showScore(s.average), n: s.evaluations })}
        </div>
      ))
    );
  return (
    <Space wrap align="start">
      <Card size="small" title={t('qa.stars.day')}>
        {list(stars.day)}
      </Card>
      <Card size="small" title={t('qa.stars.month')}>
        {list(stars.month)}
      </Card>
    </Space>
  );
}
