import { useEffect, useState } from 'react';
import { App, Button, Card, Checkbox, Input, InputNumber, Radio, Select, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { QaForm, QaFormItem } from '@banzu/contract';
import { api, ApiError } from '../api/client';

interface Draft {
  name: string;
  fatalScope: QaForm['fatalScope'];
  sections: { name: string; items: QaFormItem[] }[];
}

const blankItem = (n: number): QaFormItem => ({ key: `item${n}`, text: '', points: 10, type: 'points', allowNA: false, fatal: false });
const blank = (): Draft => ({ name: '', fatalScope: 'evaluation', sections: [{ name: '', items: [blankItem(1)] }] });

/** Builds or edits a scoring sheet: sections of items with points, type, N/A and fatal. Saving an existing sheet makes its next version. */
export function FormEditor({ editing, onSaved }: { editing: QaForm | null; onSaved: (form: QaForm) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [draft, setDraft] = useState<Draft>(editing ?? blank());
  useEffect(() => setDraft(editing ?? blank()), [editing]);
  const itemCount = draft.sections.reduce((n, s) => n + s.items.length, 0);
  const setSection = (index: number, patch: Partial<Draft['sections'][number]>) =>
    setDraft({ ...draft, sections: draft.sections.map((s, i) => (i === index ? { ...s, ...patch } : s)) });
  const setItem = (section: number, key: string, patch: Partial<QaFormItem>) =>
    setSection(section, { items: draft.sections[section]!.items.map((it) => (it.key === key ? { ...it, ...patch } : it)) });
  const save = async () => {
    try {
      const body = { name: draft.name, fatalScope: draft.fatalScope, sections: draft.sections };
      const saved = editing ? await api<QaForm>('PUT', `/api/v1/qa/forms/${editing.id}`, body) : await api<QaForm>('POST', '/api/v1/qa/forms', body);
      message.success(t('qa.form.saved', { version: saved.version }));
      onSaved(saved);
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    }
  };
  return (
    <Card size="small" title={editing ? `${t('qa.form.edit')} · ${editing.name}` : t('qa.form.new')}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Input aria-label={t('qa.form.name')} placeholder={t('qa.form.name')} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
        <Space>
          <span>{t('qa.form.fatalScope')}</span>
          <Radio.Group
            value={draft.fatalScope}
            onChange={(e) => setDraft({ ...draft, fatalScope: e.target.value })}
            options={[
              { value: 'evaluation', label: t('qa.form.scopeEvaluation') },
              { value: 'section', label: t('qa.form.scopeSection') },
            ]}
          />
        </Space>
        {draft.sections.map((section, si) => (
          <Card
            // biome-ignore lint/suspicious/noArrayIndexKey: sections have no identity but their place while edited.
            key={si}
            size="small"
            type="inner"
            title={
              <Input
                aria-label={`${t('qa.form.section')} ${si + 1}`}
                placeholder={t('qa.form.section')}
                value={section.name}
                onChange={(e) => setSection(si, { name: e.target.value })}
              />
            }
          >
            <Table<QaFormItem>
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={section.items}
              columns={[
                { title: t('qa.form.key'), width: 110, render: (_, it) => <Input size="small" value={it.key} onChange={(e) => setItem(si, it.key, { key: e.target.value })} /> },
                {
                  title: t('qa.form.text'),
                  render: (_, it) => <Input size="small" aria-label={`${it.key}-text`} value={it.text} onChange={(e) => setItem(si, it.key, { text: e.target.value })} />,
                },
                {
                  title: t('qa.form.points'),
                  width: 90,
                  render: (_, it) => (
                    <InputNumber size="small" aria-label={`${it.key}-points`} min={0.5} value={it.points} onChange={(v) => setItem(si, it.key, { points: Number(v ?? 0) })} />
                  ),
                },
                {
                  title: t('qa.form.type'),
                  width: 110,
                  render: (_, it) => (
                    <Select
                      size="small"
                      value={it.type}
                      onChange={(type) => setItem(si, it.key, { type })}
                      options={(['points', 'yes_no', 'scale'] as const).map((v) => ({ value: v, label: t(`qa.form.types.${v}`) }))}
                    />
                  ),
                },
                {
                  title: '',
                  width: 190,
                  render: (_, it) => (
                    <Space>
                      <Checkbox checked={it.allowNA} onChange={(e) => setItem(si, it.key, { allowNA: e.target.checked })}>
                        {t('qa.form.allowNA')}
                      </Checkbox>
                      <Checkbox aria-label={`${it.key}-fatal`} checked={it.fatal} onChange={(e) => setItem(si, it.key, { fatal: e.target.checked })}>
                        <Tag color={it.fatal ? 'red' : undefined}>{t('qa.fatal')}</Tag>
                      </Checkbox>
                    </Space>
                  ),
                },
              ]}
            />
            <Button size="small" type="dashed" onClick={() => setSection(si, { items: [...section.items, blankItem(itemCount + 1)] })}>
              {t('qa.form.addItem')}
            </Button>
          </Card>
        ))}
        <Space>
          <Button onClick={() => setDraft({ ...draft, sections: [...draft.sections, { name: '', items: [blankItem(itemCount + 1)] }] })}>{t('qa.form.addSection')}</Button>
          <Button type="primary" onClick={() => void save()}>
            {t('qa.form.save')}
          </Button>
        </Space>
      </Space>
    </Card>
  );
}
