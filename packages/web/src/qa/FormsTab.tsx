import { useCallback, useEffect, useState } from 'react';
import { App, Button, Collapse, List, Popconfirm, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { QaForm } from '@banzu/contract';
import { api, refusalText } from '../api/client';
import { FormEditor } from './FormEditor';

/**
 * 评分表: the sheets in use and the editor; editing a sheet makes its next version. A sheet no longer
 * used is archived (停用): no new evaluations on it, while those scored on it keep it; it can be used again.
 */
export function FormsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [forms, setForms] = useState<QaForm[]>([]);
  const [archived, setArchived] = useState<QaForm[]>([]);
  const [editing, setEditing] = useState<QaForm | null>(null);
  const load = useCallback(() => {
    void api<QaForm[]>('GET', '/api/v1/qa/forms').then(setForms);
    void api<QaForm[]>('GET', '/api/v1/qa/forms?archived=true').then(setArchived);
  }, []);
  useEffect(load, [load]);
  const archive = async (form: QaForm, to: boolean) => {
    try {
      await api<QaForm>('PATCH', `/api/v1/qa/forms/${form.id}`, { archived: to });
      void message.success(t(to ? 'qa.form.archived' : 'qa.form.restored', { name: form.name }));
      if (editing?.id === form.id) setEditing(null);
      load();
    } catch (err) {
      void message.error(refusalText(err));
    }
  };
  const title = (f: QaForm) => `${f.name} · ${t('qa.form.version', { version: f.version })} · ${t('qa.form.points_total', { points: f.points })}`;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <List
        dataSource={forms}
        renderItem={(f) => (
          <List.Item
            actions={[
              <Button key="edit" size="small" onClick={() => setEditing(f)}>
                {t('qa.form.edit')}
              </Button>,
              <Popconfirm key="archive" title={t('qa.form.archiveConfirm', { name: f.name })} onConfirm={() => archive(f, true)}>
                <Button size="small" danger>
                  {t('qa.form.archive')}
                </Button>
              </Popconfirm>,
            ]}
          >
            {title(f)}
          </List.Item>
        )}
      />
      {archived.length > 0 && (
        <Collapse
          size="small"
          items={[
            {
              key: 'archived',
              label: `${t('qa.form.showArchived')}（${archived.length}）`,
              children: (
                <List
                  size="small"
                  dataSource={archived}
                  renderItem={(f) => (
                    <List.Item
                      actions={[
                        <Button key="restore" size="small" onClick={() => void archive(f, false)}>
                          {t('qa.form.restore')}
                        </Button>,
                      ]}
                    >
                      {title(f)}
                    </List.Item>
                  )}
                />
              ),
            },
          ]}
        />
      )}
      <FormEditor
        editing={editing}
        onSaved={() => {
          setEditing(null);
          load();
        }}
      />
    </Space>
  );
}
