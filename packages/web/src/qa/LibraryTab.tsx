import { useCallback, useEffect, useState } from 'react';
import { App, AutoComplete, Button, Input, List, Modal, Popconfirm, Radio, Select, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { QaLibraryEntry } from '@banzu/contract';
import { api, refusalText } from '../api/client';
import { centerDateTime } from '../api/center';
import { RecordingPlayer } from '../recordings/RecordingPlayer';

type Kind = QaLibraryEntry['kind'];

/**
 * 录音库: good and bad calls by category, played in training (seed 004's two folders). Browsed by kind
 * and category; an entry is re-categorised or taken out by whom the server lets (QA and the leads
 * any, trainers and team leaders their own): the buttons show only on those entries.
 */
export function LibraryTab({ timeZone }: { timeZone: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [kind, setKind] = useState<Kind | undefined>(undefined);
  const [category, setCategory] = useState<string | undefined>(undefined);
  const [entries, setEntries] = useState<QaLibraryEntry[] | null>(null);
  const [categories, setCategories] = useState<{ category: string; count: number }[]>([]);
  const [editing, setEditing] = useState<{ entry: QaLibraryEntry; kind: Kind; category: string; note: string } | null>(null);
  const load = useCallback(() => {
    const query = new URLSearchParams({ ...(kind ? { kind } : {}), ...(category ? { category } : {}) }).toString();
    void api<QaLibraryEntry[]>('GET', `/api/v1/qa/library${query ? `?${query}` : ''}`).then(setEntries);
    void api<{ category: string; count: number }[]>('GET', '/api/v1/qa/library/categories').then((list) => {
      setCategories(list);
      // A category emptied by a move or a removal no longer filters anything.
      if (category && !list.some((c) => c.category === category)) setCategory(undefined);
    });
  }, [kind, category]);
  useEffect(load, [load]);
  const done = (said: string) => {
    void message.success(said);
    load();
  };
  const save = async () => {
    if (!editing) return;
    try {
      await api('PATCH', `/api/v1/qa/library/${editing.entry.id}`, { kind: editing.kind, category: editing.category.trim(), note: editing.note.trim() });
      setEditing(null);
      done(t('qa.library.saved'));
    } catch (err) {
      void message.error(refusalText(err));
    }
  };
  const remove = async (e: QaLibraryEntry) => {
    try {
      await api('DELETE', `/api/v1/qa/library/${e.id}`);
      done(t('qa.library.removed'));
    } catch (err) {
      void message.error(refusalText(err));
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Radio.Group
          value={kind ?? 'all'}
          onChange={(e) => setKind(e.target.value === 'all' ? undefined : e.target.value)}
          options={[
            { value: 'all', label: t('qa.library.all') },
            { value: 'good', label: t('qa.library.good') },
            { value: 'bad', label: t('qa.library.bad') },
          ]}
        />
        <Select
          aria-label={t('qa.library.category')}
          placeholder={t('qa.library.category')}
          allowClear
          value={category}
          onChange={setCategory}
          options={categories.map((c) => ({ value: c.category, label: t('qa.library.categoryCount', { category: c.category, n: c.count }) }))}
          style={{ minWidth: 200 }}
        />
      </Space>
      <List
        loading={entries === null}
        dataSource={entries ?? []}
        renderItem={(e) => (
          <List.Item
            actions={
              e.mayEdit
                ? [
                    <Button key="edit" size="small" onClick={() => setEditing({ entry: e, kind: e.kind, category: e.category, note: e.note })}>
                      {t('qa.library.edit')}
                    </Button>,
                    <Popconfirm key="remove" title={t('qa.library.removeConfirm')} onConfirm={() => remove(e)}>
                      <Button size="small" danger>
                        {t('qa.library.remove')}
                      </Button>
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <Space orientation="vertical">
              <Space wrap>
                <Tag color={e.kind === 'good' ? 'green' : 'red'}>{t(`qa.library.${e.kind}`)}</Tag>
                <Tag>{e.category}</Tag>
                <span>{e.agentName}</span>
                <span>{centerDateTime(e.createdAt, timeZone)}</span>
              </Space>
              <span>{e.note}</span>
              <RecordingPlayer callId={e.callId} />
            </Space>
          </List.Item>
        )}
      />
      <Modal
        open={editing !== null}
        title={t('qa.library.edit')}
        okButtonProps={{ disabled: !editing?.category.trim() }}
        onCancel={() => setEditing(null)}
        onOk={() => void save()}
      >
        {editing && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Radio.Group
              value={editing.kind}
              onChange={(ev) => setEditing({ ...editing, kind: ev.target.value })}
              options={[
                { value: 'good', label: t('qa.library.good') },
                { value: 'bad', label: t('qa.library.bad') },
              ]}
            />
            <AutoComplete
              aria-label={t('qa.columns.category')}
              placeholder={t('qa.columns.category')}
              value={editing.category}
              onChange={(value: string) => setEditing({ ...editing, category: value })}
              options={categories.map((c) => ({ value: c.category }))}
              filterOption={(input, option) => (option?.value ?? '').includes(input)}
              style={{ width: '100%' }}
            />
            <Input.TextArea
              aria-label={t('qa.columns.note')}
              placeholder={t('qa.columns.note')}
              value={editing.note}
              onChange={(ev) => setEditing({ ...editing, note: ev.target.value })}
            />
          </Space>
        )}
      </Modal>
    </Space>
  );
}
