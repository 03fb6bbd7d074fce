import { useEffect, useState } from 'react';
import { Button, Checkbox, Popover, Space, Typography } from 'antd';
import { SettingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { metricGroups, metricsInPageOrder, reportColumnIds } from '@banzu/core';

const pageOrder = metricsInPageOrder.map((m) => m.id);
const known = new Set(pageOrder);
const defaults: string[] = [...reportColumnIds];

/** The report columns as the user chose them last time (stored per user in this browser), in the page's order. */
function stored(key: string | null): string[] {
  if (!key) return defaults;
  try {
    const ids = JSON.parse(localStorage.getItem(key) ?? 'null') as unknown;
    if (Array.isArray(ids)) {
      const chosen = pageOrder.filter((id) => ids.includes(id));
      if (chosen.length > 0) return chosen;
    }
  } catch {
    // A value this page did not write: the defaults.
  }
  return defaults;
}

/**
 * The metrics report's columns: the default eleven, or those the user chose, remembered per user
 * in localStorage; always in the page's order (core metricsInPageOrder), which the Excel follows.
 *
 * @example
 * const [columns, setColumns] = useReportColumns(user?.id);
 */
export function useReportColumns(userId: string | undefined): [string[], (ids: string[]) => void] {
  const key = userId ? `banzu.reportColumns.${userId}` : null;
  const [columns, setColumns] = useState<string[]>(() => stored(key));
  useEffect(() => setColumns(stored(key)), [key]);
  const choose = (ids: string[]) => {
    const chosen = pageOrder.filter((id) => ids.includes(id) && known.has(id));
    if (chosen.length === 0) return;
    setColumns(chosen);
    if (key) localStorage.setItem(key, JSON.stringify(chosen));
  };
  return [columns, choose];
}

/** A button opening every indicator by group (服务水平, 效率, 质量, 人员) to tick the report's columns. */
export function ColumnChooser({ value, onChange, name }: { value: string[]; onChange: (ids: string[]) => void; name: (id: string) => string }) {
  const { t } = useTranslation();
  const content = (
    <Space orientation="vertical" size="small" style={{ maxWidth: 520 }} data-testid="column-chooser">
      {metricGroups.map((group) => {
        const ids = metricsInPageOrder.filter((m) => m.group === group).map((m) => m.id);
        return (
          <fieldset key={group} aria-label={t(`reports.columnGroups.${group}`)} style={{ border: 0, margin: 0, padding: 0 }}>
            <Typography.Text strong>{t(`reports.columnGroups.${group}`)}</Typography.Text>
            <Checkbox.Group
              style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 12px', marginTop: 4 }}
              value={value.filter((id) => ids.includes(id))}
              options={ids.map((id) => ({ value: id, label: name(id) }))}
              // The other groups' ticks stay as they are.
              onChange={(picked) => onChange([...value.filter((id) => !ids.includes(id)), ...(picked as string[])])}
            />
          </fieldset>
        );
      })}
      <Space>
        <Button size="small" onClick={() => onChange(defaults)}>
          {t('reports.defaultColumns')}
        </Button>
        <Button size="small" onClick={() => onChange(pageOrder)}>
          {t('reports.allColumns')}
        </Button>
      </Space>
    </Space>
  );
  return (
    <Popover content={content} trigger="click" placement="bottomLeft">
      <Button icon={<SettingOutlined />}>{t('reports.columns', { n: value.length, total: pageOrder.length })}</Button>
    </Popover>
  );
}
