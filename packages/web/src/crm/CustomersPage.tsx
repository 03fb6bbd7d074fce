import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Drawer, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { CrownFilled, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { customerExporters, customerImporters, customerWriters, type Customer, type CustomerClass, type CustomerPage } from '@banzu/contract';
import { api } from '../api/client';
import { useAuth } from '../auth/AuthProvider';
import { CustomerProfile } from './CustomerProfile';
import { ImportWizard } from './ImportWizard';
import { ExportButton } from '../download/index';

const PAGE = 20;

interface Filter {
  q: string;
  class?: string;
  tag: string;
}

interface NewCustomer {
  name: string;
  phone?: string;
  classCode: string;
  tags?: string[];
  notes?: string;
}

/** The search's query string: the list's filters, for the page and for the export. */
function query(filter: Filter): string {
  const params = new URLSearchParams();
  if (filter.q.trim()) params.set('q', filter.q.trim());
  if (filter.class) params.set('class', filter.class);
  if (filter.tag.trim()) params.set('tag', filter.tag.trim());
  return params.toString();
}

/** Customers: search by phone, name or pinyin initials, class and tag; the profile; import and export. */
export function CustomersPage() {
  const { t, i18n } = useTranslation();
  const { user } = useAuth();
  const { message } = App.useApp();
  const [classes, setClasses] = useState<CustomerClass[]>([]);
  const [draft, setDraft] = useState<Filter>({ q: '', tag: '' });
  const [filter, setFilter] = useState<Filter>({ q: '', tag: '' });
  const [page, setPage] = useState(1);
  const [result, setResult] = useState<CustomerPage | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<NewCustomer>();
  const english = i18n.language === 'en';
  const role = user?.role;

  useEffect(() => {
    void api<CustomerClass[]>('GET', '/api/v1/customer-classes').then(setClasses, () => setClasses([]));
  }, []);
  const load = useCallback(() => {
    const q = query(filter);
    void api<CustomerPage>('GET', `/api/v1/customers?${q}${q ? '&' : ''}limit=${PAGE}&offset=${(page - 1) * PAGE}`).then(setResult, () => setResult(null));
  }, [filter, page]);
  useEffect(load, [load]);

  const search = () => {
    setPage(1);
    setFilter(draft);
  };
  const create = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      await api('POST', '/api/v1/customers', { name: v.name, classCode: v.classCode, tags: v.tags ?? [], notes: v.notes ?? '', phones: v.phone ? [{ number: v.phone }] : [] });
      void message.success(t('crm.created', { name: v.name }));
      setCreating(false);
      form.resetFields();
      load();
    } catch (err) {
      void message.error(t('errors.generic', { message: (err as Error).message }));
    }
  };
  const className = (c: Pick<Customer, 'className'>) => (english ? c.className.en : c.className.zh);
  const classOptions = classes.map((c) => ({ value: c.code, label: english ? c.nameEn : c.nameZh }));

  return (
    <Card
      title={t('crm.title')}
      extra={
        <Space>
          {role && customerWriters.includes(role) && (
            <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('crm.new')}
            </Button>
          )}
          {role && customerImporters.includes(role) && (
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
              {t('crm.import')}
            </Button>
          )}
          {role && customerExporters.includes(role) && <ExportButton href={`/api/v1/customers/export.xlsx?${query(filter)}&lang=${i18n.language}`}>{t('crm.export')}</ExportButton>}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          style={{ width: 320 }}
          placeholder={t('crm.search')}
          value={draft.q}
          onChange={(e) => setDraft({ ...draft, q: e.target.value })}
          onSearch={search}
          aria-label={t('crm.search')}
        />
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('crm.allClasses')}
          value={draft.class}
          options={classOptions}
          onChange={(v: string | undefined) => {
            const next = { ...draft, class: v };
            setDraft(next);
            setPage(1);
            setFilter(next);
          }}
          aria-label={t('crm.class')}
        />
        <Input
          style={{ width: 160 }}
          placeholder={t('crm.tag')}
          value={draft.tag}
          onChange={(e) => setDraft({ ...draft, tag: e.target.value })}
          onPressEnter={search}
          aria-label={t('crm.tag')}
        />
      </Space>
      <Table
        size="small"
        rowKey="id"
        dataSource={result?.customers ?? []}
        onRow={(c) => ({ onClick: () => setOpen(c.id), style: { cursor: 'pointer' } })}
        pagination={{
          current: page,
          pageSize: PAGE,
          total: result?.total ?? 0,
          showSizeChanger: false,
          onChange: setPage,
          showTotal: () => (result?.totalCapped ? t('crm.totalCapped', { n: result.total }) : t('crm.total', { n: result?.total ?? 0 })),
        }}
        columns={[
          {
            title: t('crm.name'),
            render: (_, c) => (
              <Space>
                <Typography.Link>{c.name}</Typography.Link>
                {c.vipLevel > 0 && (
                  <Tag color="gold" icon={<CrownFilled />}>
                    {t('crm.vip', { level: c.vipLevel })}
                  </Tag>
                )}
              </Space>
            ),
          },
          { title: t('crm.class'), render: (_, c) => <Tag color={c.classCode === 'blacklisted' ? 'red' : c.classCode === 'high_value' ? 'gold' : 'blue'}>{className(c)}</Tag> },
          { title: t('crm.phones'), render: (_, c) => <span className="tabular">{c.phones.map((p) => p.number).join('，')}</span> },
          { title: t('crm.tags'), render: (_, c) => c.tags.map((tag) => <Tag key={tag}>{tag}</Tag>) },
          { title: t('crm.owner'), dataIndex: 'ownerName', render: (n: string | null) => n ?? '—' },
          { title: t('crm.externalId'), dataIndex: 'externalId', render: (x: string | null) => x ?? '—' },
        ]}
      />
      <Drawer open={open !== null} size={960} title={t('crm.profile')} onClose={() => setOpen(null)} destroyOnHidden>
        {open && <CustomerProfile customerId={open} canWrite={role !== undefined && customerWriters.includes(role)} />}
      </Drawer>
      <ImportWizard
        open={importing}
        onClose={(imported) => {
          setImporting(false);
          if (imported) load();
        }}
      />
      <Modal open={creating} title={t('crm.new')} onOk={() => void create()} okText={t('crm.create')} onCancel={() => setCreating(false)} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ classCode: 'ordinary' }}>
          <Form.Item name="name" label={t('crm.name')} rules={[{ required: true, max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="phone" label={t('crm.phones')}>
            <Input placeholder="138 1234 5678" />
          </Form.Item>
          <Form.Item name="classCode" label={t('crm.class')}>
            <Select options={classOptions} />
          </Form.Item>
          <Form.Item name="tags" label={t('crm.tags')}>
            <Select mode="tags" />
          </Form.Item>
          <Form.Item name="notes" label={t('crm.notes')}>
            <Input.TextArea maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
