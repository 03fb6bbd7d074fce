import { useEffect, useState } from 'react';
import { Card, Empty, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { QaCoaching } from '@banzu/contract';
import { api } from '../api/client';

const share = (p: { failed: number; of: number }) => (p.of === 0 ? '—' : `${p.failed} / ${p.of}`);

/** 辅导记录: each coaching record with its follow-up — did the coached items fail less in later evaluations? */
export function CoachingTab() {
  const { t } = useTranslation();
  const [records, setRecords] = useState<QaCoaching[] | null>(null);
  useEffect(() => void api<QaCoaching[]>('GET', '/api/v1/qa/coaching').then(setRecords), []);
  if (records === null) return null;
  if (records.length === 0) return <Empty description={t('qa.none')} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {records.map((r) => (
        <Card key={r.id} size="small" title={r.focus} extra={`${t('qa.coaching.followUpOn')}: ${r.followUpOn}`}>
          {r.actions && <p>{r.actions}</p>}
          {r.followUp.map((f) => {
            const before = f.before.of ? f.before.failed / f.before.of : null;
            const after = f.after.of ? f.after.failed / f.after.of : null;
            const better = before !== null && after !== null && after < before;
            return (
              <div key={f.itemKey}>
                <Tag>{f.itemKey}</Tag>
                {t('qa.coaching.before')} {share(f.before)} → {t('qa.coaching.after')} {share(f.after)}{' '}
                {after !== null && <Tag color={better ? 'green' : 'orange'}>{better ? t('qa.coaching.improved') : t('qa.coaching.notYet')}</Tag>}
              </div>
            );
          })}
        </Card>
      ))}
    </Space>
  );
}
