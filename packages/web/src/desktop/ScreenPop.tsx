import { useEffect, useState } from 'react';
import { Card, Descriptions, Empty, Space, Table, Tag, Typography } from 'antd';
import { CrownFilled, IdcardOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';

export interface ScreenPopData {
  callId: string;
  from: string | null;
  vipLevel: number;
  customer: Record<string, unknown> | null;
  previousCalls: { callId: string; startedAt: string; outcome: string | null; disposition: string | null; agentId: string | null }[];
}

/** The caller of `callId` (弹屏): number, VIP mark, profile when the CRM knows it, previous calls. */
export function ScreenPop({ callId, dispositionLabel }: { callId: string | null; dispositionLabel(code: string): string }) {
  const { t, i18n } = useTranslation();
  const [data, setData] = useState<ScreenPopData | null>(null);
  useEffect(() => {
    if (!callId) return;
    let current = true;
    api<ScreenPopData>('GET', `/api/v1/desktop/calls/${encodeURIComponent(callId)}/screen-pop`).then(
      (pop) => current && setData(pop),
      () => current && setData(null),
    );
    return () => {
      current = false;
    };
  }, [callId]);
  const shown = data && data.callId === callId ? data : null;
  const dateTime = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'zh-CN', { dateStyle: 'short', timeStyle: 'short' });

  return (
    <Card
      size="small"
      title={
        <Space>
          <IdcardOutlined />
          {t('desktop.screenPop')}
        </Space>
      }
      className="screen-pop"
    >
      {!shown ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('desktop.noCall')} />
      ) : (
        <>
          <Space align="center" style={{ marginBottom: 12 }}>
            <Typography.Text strong style={{ fontSize: 20 }} className="tabular">
              {shown.from ?? '—'}
            </Typography.Text>
            {shown.vipLevel > 0 && (
              <Tag color="gold" icon={<CrownFilled />}>
                {t('desktop.vip', { level: shown.vipLevel })}
              </Tag>
            )}
          </Space>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t('desktop.customer')}
          </Typography.Title>
          {shown.customer ? (
            <Descriptions size="small" column={2} bordered style={{ marginBottom: 12 }}>
              {Object.entries(shown.customer).map(([key, value]) => (
                <Descriptions.Item key={key} label={key}>
                  {value === null || value === undefined ? '—' : typeof value === 'object' ? JSON.stringify(value) : String(value)}
                </Descriptions.Item>
              ))}
            </Descriptions>
          ) : (
            <Typography.Paragraph type="secondary">{t('desktop.noCustomer')}</Typography.Paragraph>
          )}
          <Typography.Title level={5}>{t('desktop.previousCalls')}</Typography.Title>
          <Table
            size="small"
            rowKey="callId"
            pagination={false}
            dataSource={shown.previousCalls}
            locale={{ emptyText: t('desktop.noPreviousCalls') }}
            columns={[
              { title: t('desktop.startedAt'), dataIndex: 'startedAt', render: (v: string) => dateTime.format(new Date(v)) },
              { title: t('desktop.outcome'), dataIndex: 'outcome', render: (v: string | null) => (v ? t(`desktop.outcomes.${v}`, { defaultValue: v }) : '—') },
              { title: t('desktop.disposition'), dataIndex: 'disposition', render: (v: string | null) => (v ? dispositionLabel(v) : '—') },
            ]}
          />
        </>
      )}
    </Card>
  );
}
