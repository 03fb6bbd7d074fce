import { useState } from 'react';
import { Button, Input, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { QaCalibration } from '@banzu/contract';
import { api, ApiError } from '../api/client';
import { showScore } from './format';

/** 校准: the inspectors' calibration scores of one call, the spread per item and the agreement figure (Fleiss' kappa). */
export function CalibrationTab() {
  const { t } = useTranslation();
  const [callId, setCallId] = useState('');
  const [result, setResult] = useState<QaCalibration | null>(null);
  const [error, setError] = useState<string | null>(null);
  const look = async () => {
    try {
      setResult(await api<QaCalibration>('GET', `/api/v1/qa/calibrations/${encodeURIComponent(callId.trim())}`));
      setError(null);
    } catch (err) {
      setResult(null);
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space.Compact>
        <Input aria-label={t('qa.columns.call')} placeholder={t('qa.columns.call')} value={callId} onChange={(e) => setCallId(e.target.value)} />
        <Button disabled={!callId.trim()} onClick={() => void look()}>
          {t('qa.calibration.show')}
        </Button>
      </Space.Compact>
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      {result && (
        <>
          <Typography.Text strong>
            {t('qa.calibration.kappa')}: {result.kappa === null ? '—' : result.kappa.toFixed(2)}
          </Typography.Text>
          <Space wrap>
            {result.inspectors.map((i) => (
              <Tag key={i.id}>
                {i.name} {showScore(i.score)}
              </Tag>
            ))}
          </Space>
          <Table
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={result.items}
            columns={[
              { title: t('qa.columns.item'), dataIndex: 'text' },
              { title: t('qa.calibration.range'), render: (_, i) => (i.min === i.max ? String(i.min) : `${i.min} – ${i.max}`) },
              { title: t('qa.columns.average'), render: (_, i) => i.mean.toFixed(1) },
              {
                title: '',
                render: (_, i) => (new Set(i.categories).size > 1 ? <Tag color="orange">{t('qa.calibration.disagree')}</Tag> : null),
              },
            ]}
          />
        </>
      )}
    </Space>
  );
}
