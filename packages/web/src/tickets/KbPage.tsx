import { useCallback, useEffect, useState } from 'react';
import { App, Button, DatePicker, Drawer, Form, Input, Segmented, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { kbEditors, type KbArticle, type KbStatus, type KbVersion, type Queue } from '@banzu/contract';
import { centerDateTime, useCenterTimeZone } from '../api/center';
import { api, type ApiError } from '../api/client';
import { useAuth } from '../auth/AuthProvider';
import { KbSuggestions } from './DeskTickets';

type Filter = KbStatus | 'all';
const filters: Filter[] = ['published', 'pending', 'draft', 'archived', 'all'];

/** The form holds validity dates as pickers' days; the API as `YYYY-MM-DD` or null (open-ended). */
interface ArticleValues {
  title: string;
  category?: string;
  tags?: string[];
  queueIds?: string[];
  products?: string[];
  validFrom?: Dayjs | null;
  validTo?: Dayjs | null;
  body?: string;
}

const toDay = (date: string | null) => (date ? dayjs(date) : null);
const toDate = (day: Dayjs | null | undefined) => (day ? day.format('YYYY-MM-DD') : null);

/** What a version changed from the one before it, as the history lists it: the fields in order, each once. */
type VersionField = 'title' | 'body' | 'category' | 'tags' | 'queues' | 'products' | 'validity';
function changedFields(version: KbVersion, before: KbVersion | undefined): VersionField[] {
  if (!before) return [];
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const fields: [VersionField, boolean][] = [
    ['title', same(version.title, before.title)],
    ['body', same(version.body, before.body)],
    ['category', same(version.category, before.category)],
    ['tags', same(version.tags, before.tags)],
    ['queues', same(version.queueIds, before.queueIds)],
    ['products', same(version.products, before.products)],
    ['validity', same([version.validFrom, version.validTo], [before.validFrom, before.validTo])],
  ];
  return fields.filter(([, unchanged]) => !unchanged).map(([field]) => field);
}

/** The knowledge base (问题库): search; editors write, approve proposals and see versions; agents propose. */
export function KbPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const { message } = App.useApp();
  const editor = user ? kbEditors.includes(user.role) : false;
  const timeZone = useCenterTimeZone() ?? 'Asia/Shanghai';
  const [filter, setFilter] = useState<Filter>(editor ? 'pending' : 'published');
  const [items, setItems] = useState<KbArticle[] | null>(null);
  const [editing, setEditing] = useState<KbArticle | 'new' | null>(null);
  const [versions, setVersions] = useState<KbVersion[]>([]);
  const [queues, setQueues] = useState<Queue[]>([]);
  const [form] = Form.useForm<ArticleValues>();
  useEffect(() => {
    api<Queue[]>('GET', '/api/v1/queues').then(setQueues, () => {});
  }, []);
  const queueName = (id: string) => queues.find((q) => q.id === id)?.name ?? id;
  const load = useCallback(
    () =>
      api<{ items: KbArticle[] }>('GET', `/api/v1/kb/articles${filter === 'all' ? '' : `?status=${filter}`}`).then(
        (r) => setItems(r.items),
        () => setItems([]),
      ),
    [filter],
  );
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    setVersions([]);
    if (editing && editing !== 'new') {
      form.setFieldsValue({
        title: editing.title,
        category: editing.category,
        tags: editing.tags,
        queueIds: editing.queueIds,
        products: editing.products,
        validFrom: toDay(editing.validFrom),
        validTo: toDay(editing.validTo),
        body: editing.body,
      });
      api<{ items: KbVersion[] }>('GET', `/api/v1/kb/articles/${editing.id}/versions`).then(
        (r) => setVersions(r.items),
        () => {},
      );
    } else form.resetFields();
  }, [editing, form]);

  const run = async (work: () => Promise<unknown>) => {
    try {
      await work();
      void message.success(t('tickets.done'));
      setEditing(null);
      void load();
    } catch (err) {
      void message.error((err as ApiError).message);
    }
  };
  const save = async () => {
    const values = await form.validateFields();
    // Every field is sent: the server takes a missing one as empty, so leaving one out would wipe it.
    const body = {
      title: values.title,
      category: values.category ?? '',
      tags: values.tags ?? [],
      queueIds: values.queueIds ?? [],
      products: values.products ?? [],
      validFrom: toDate(values.validFrom),
      validTo: toDate(values.validTo),
      body: values.body ?? '',
    };
    await run(() => (editing === 'new' || editing === null ? api('POST', '/api/v1/kb/articles', body) : api('PUT', `/api/v1/kb/articles/${editing.id}`, body)));
  };
  const current = editing && editing !== 'new' ? editing : null;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('tickets.kb.title')}
        </Typography.Title>
        <Button type="primary" onClick={() => setEditing('new')}>
          {editor ? t('tickets.kb.write') : t('tickets.kb.propose')}
        </Button>
      </div>
      <KbSuggestions queueId={null} notes="" ticketId={null} />
      <Segmented value={filter} onChange={(v) => setFilter(v as Filter)} options={filters.map((f) => ({ value: f, label: t(`tickets.kb.status.${f}`) }))} />
      <Table<KbArticle>
        rowKey="id"
        size="small"
        loading={items === null}
        dataSource={items ?? []}
        onRow={(article) => ({ onClick: () => setEditing(article), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('tickets.kb.articleTitle'), dataIndex: 'title' },
          { title: t('tickets.kb.category'), dataIndex: 'category', width: 120 },
          { title: t('tickets.kb.tags'), render: (_, a) => a.tags.map((tag) => <Tag key={tag}>{tag}</Tag>) },
          { title: t('tickets.kb.statusTitle'), render: (_, a) => t(`tickets.kb.status.${a.status}`), width: 90 },
          { title: t('tickets.kb.author'), dataIndex: 'authorName', width: 100 },
          { title: t('tickets.kb.usage'), render: (_, a) => `${a.opened} / ${a.helpful}`, width: 90 },
        ]}
      />
      <Drawer
        open={editing !== null}
        onClose={() => setEditing(null)}
        size={560}
        title={current ? `${current.title} · v${current.version}` : editor ? t('tickets.kb.write') : t('tickets.kb.propose')}
        extra={
          <Space>
            {current && editor && current.status !== 'published' && (
              <Button onClick={() => void run(() => api('POST', `/api/v1/kb/articles/${current.id}/approve`))}>{t('tickets.kb.approve')}</Button>
            )}
            {current && editor && current.status !== 'archived' && (
              <Button onClick={() => void run(() => api('POST', `/api/v1/kb/articles/${current.id}/archive`))}>{t('tickets.kb.archive')}</Button>
            )}
            {(editor || !current) && (
              <Button type="primary" onClick={() => void save()}>
                {t('tickets.kb.save')}
              </Button>
            )}
          </Space>
        }
      >
        <Form form={form} layout="vertical" disabled={!editor && current !== null}>
          <Form.Item name="title" label={t('tickets.kb.articleTitle')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="category" label={t('tickets.kb.category')}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="tags" label={t('tickets.kb.tags')}>
            <Select mode="tags" />
          </Form.Item>
          <Form.Item name="queueIds" label={t('tickets.kb.queues')} extra={t('tickets.kb.queuesHint')}>
            <Select mode="multiple" allowClear placeholder={t('tickets.kb.allQueues')} optionFilterProp="label" options={queues.map((q) => ({ value: q.id, label: q.name }))} />
          </Form.Item>
          <Form.Item name="products" label={t('tickets.kb.products')}>
            <Select mode="tags" />
          </Form.Item>
          <Space wrap>
            <Form.Item name="validFrom" label={t('tickets.kb.validFrom')}>
              <DatePicker placeholder={t('tickets.kb.openEnded')} />
            </Form.Item>
            <Form.Item name="validTo" label={t('tickets.kb.validTo')}>
              <DatePicker placeholder={t('tickets.kb.openEnded')} />
            </Form.Item>
          </Space>
          <Form.Item name="body" label={t('tickets.kb.body')}>
            <Input.TextArea rows={10} />
          </Form.Item>
        </Form>
        {versions.length > 0 && (
          <Timeline
            items={versions.map((v, i) => {
              const changed = changedFields(v, versions[i + 1]);
              return {
                content: (
                  <>
                    <div>{`v${v.version} · ${v.byName} · ${centerDateTime(v.at, timeZone)}`}</div>
                    {changed.length > 0 && (
                      <Typography.Text type="secondary">{t('tickets.kb.changed', { fields: changed.map((f) => t(`tickets.kb.fields.${f}`)).join('、') })}</Typography.Text>
                    )}
                    <Typography.Text type="secondary" style={{ display: 'block' }}>
                      {t('tickets.kb.scope', {
                        queues: v.queueIds.length > 0 ? v.queueIds.map(queueName).join('、') : t('tickets.kb.allQueues'),
                        products: v.products.length > 0 ? v.products.join('、') : t('tickets.kb.noProducts'),
                        validity: v.validFrom || v.validTo ? `${v.validFrom ?? '…'} ~ ${v.validTo ?? '…'}` : t('tickets.kb.always'),
                      })}
                    </Typography.Text>
                  </>
                ),
              };
            })}
          />
        )}
      </Drawer>
    </Space>
  );
}
