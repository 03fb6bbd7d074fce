import { useEffect, useState } from 'react';
import { Alert, Button, Form, Modal, Progress, Radio, Select, Space, Steps, Table, Typography } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CustomerImport, CustomerImportUpload, ImportMode } from '@banzu/contract';
import { api, ApiError } from '../api/client';

/** The file as the request body: the server reads .xlsx and .csv as they are. */
async function uploadFile(file: File): Promise<CustomerImportUpload> {
  const response = await fetch(`/api/v1/customers/imports?fileName=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': file.name.toLowerCase().endsWith('.csv') ? 'text/csv' : 'application/octet-stream' },
    body: file,
  });
  const payload = (await response.json().catch(() => ({}))) as CustomerImportUpload & { error?: { code: string; message: string } };
  if (!response.ok) throw new ApiError(response.status, payload.error?.code ?? 'http_error', payload.error?.message ?? response.statusText);
  return payload;
}

/**
 * Import wizard: choose a file, map its columns to customer fields (with the first rows shown),
 * choose what happens to rows with errors, then follow the progress and read the errors, with the
 * full report as Excel.
 */
export function ImportWizard({ open, onClose }: { open: boolean; onClose: (imported: boolean) => void }) {
  const { t } = useTranslation();
  const [upload, setUpload] = useState<CustomerImportUpload | null>(null);
  const [mapping, setMapping] = useState<Record<string, string | undefined>>({});
  const [mode, setMode] = useState<ImportMode>('all-or-nothing');
  const [state, setState] = useState<CustomerImport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const reset = () => {
    setUpload(null);
    setMapping({});
    setState(null);
    setError(null);
  };

  const choose = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const u = await uploadFile(file);
      setUpload(u);
      setMapping(u.mapping);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const start = async () => {
    if (!upload) return;
    setError(null);
    try {
      const chosen = Object.fromEntries(Object.entries(mapping).filter(([, v]) => v));
      await api('POST', `/api/v1/customers/imports/${upload.id}/run`, { mode, mapping: chosen });
      setState({
        id: upload.id,
        fileName: upload.fileName,
        status: 'running',
        mode,
        progress: { phase: 'checking', fraction: 0, rows: 0 },
        imported: 0,
        updated: 0,
        rejected: 0,
        errorCount: 0,
        errors: [],
        failure: null,
      });
    } catch (err) {
      setError((err as Error).message);
    }
  };

  // Polls the running import about twice a second for the progress bar.
  useEffect(() => {
    if (state?.status !== 'running') return;
    const timer = setTimeout(() => {
      void api<CustomerImport>('GET', `/api/v1/customers/imports/${state.id}`).then(setState, (err: Error) => setError(err.message));
    }, 500);
    return () => clearTimeout(timer);
  }, [state]);

  const step = state ? 2 : upload ? 1 : 0;
  const finished = state?.status === 'done' || state?.status === 'failed';
  const phase = state?.progress?.phase ?? 'checking';

  return (
    <Modal
      open={open}
      title={t('crm.wizard.title')}
      width={900}
      onCancel={() => {
        onClose(finished === true);
        reset();
      }}
      footer={null}
      destroyOnHidden
    >
      <Steps
        size="small"
        current={step}
        items={[{ title: t('crm.wizard.upload') }, { title: t('crm.wizard.mapping') }, { title: t('crm.wizard.result') }]}
        style={{ marginBottom: 16 }}
      />
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}

      {step === 0 && (
        <Space orientation="vertical">
          <Button icon={<UploadOutlined />} loading={busy} onClick={() => document.getElementById('crm-import-file')?.click()}>
            {t('crm.wizard.upload')}
          </Button>
          <input id="crm-import-file" type="file" accept=".xlsx,.csv" hidden onChange={(e) => void choose(e.target.files?.[0])} aria-label={t('crm.wizard.upload')} />
          <Typography.Text type="secondary">{t('crm.wizard.uploadHint')}</Typography.Text>
        </Space>
      )}

      {step === 1 && upload && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text strong>{upload.fileName}</Typography.Text>
          <Form layout="horizontal" labelCol={{ span: 8 }} wrapperCol={{ span: 12 }}>
            {upload.fields.map((field) => (
              <Form.Item key={field} label={t(`crm.fields.${field}`)} required={field === 'name'} style={{ marginBottom: 6 }}>
                <Select
                  allowClear
                  placeholder={t('crm.wizard.notMapped')}
                  value={mapping[field]}
                  onChange={(v: string | undefined) => setMapping({ ...mapping, [field]: v })}
                  options={upload.headers.map((h) => ({ value: h, label: h }))}
                  aria-label={t(`crm.fields.${field}`)}
                />
              </Form.Item>
            ))}
          </Form>
          <Typography.Text strong>{t('crm.wizard.preview')}</Typography.Text>
          <Table
            size="small"
            pagination={false}
            scroll={{ x: true }}
            rowKey={(_, i) => String(i)}
            dataSource={upload.sample}
            columns={upload.headers.map((h) => ({ title: h, dataIndex: h }))}
          />
          <Space>
            <Typography.Text>{t('crm.wizard.mode')}</Typography.Text>
            <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as ImportMode)}>
              <Radio value="all-or-nothing">{t('crm.wizard.allOrNothing')}</Radio>
              <Radio value="valid-only">{t('crm.wizard.validOnly')}</Radio>
            </Radio.Group>
          </Space>
          <Button type="primary" disabled={!mapping.name} onClick={() => void start()}>
            {t('crm.wizard.start')}
          </Button>
        </Space>
      )}

      {step === 2 && state && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Progress percent={Math.round((state.progress?.fraction ?? 0) * 100)} status={state.status === 'failed' ? 'exception' : finished ? 'success' : 'active'} />
          <Typography.Text>{finished ? t('crm.wizard.done') : phase === 'writing' ? t('crm.wizard.writing') : t('crm.wizard.checking')}</Typography.Text>
          {state.status === 'failed' && <Alert type="error" showIcon message={t('crm.wizard.failed', { message: state.failure ?? '' })} />}
          {state.status === 'done' && (
            <>
              <Typography.Text strong>{t('crm.wizard.summary', { imported: state.imported, updated: state.updated, rejected: state.rejected })}</Typography.Text>
              {state.mode === 'all-or-nothing' && state.errorCount > 0 && <Alert type="warning" showIcon message={t('crm.wizard.nothingWritten')} />}
              {state.errorCount > 0 && (
                <>
                  <Typography.Text>{t('crm.wizard.errors', { n: state.errorCount })}</Typography.Text>
                  <Table
                    size="small"
                    rowKey={(e) => `${e.row}-${e.column}-${e.code}`}
                    dataSource={state.errors}
                    pagination={{ pageSize: 10 }}
                    columns={[
                      { title: t('crm.wizard.row'), dataIndex: 'row', width: 70 },
                      { title: t('crm.wizard.column'), dataIndex: 'column', width: 120 },
                      { title: t('crm.wizard.problem'), dataIndex: 'message' },
                    ]}
                  />
                  <a href={`/api/v1/customers/imports/${state.id}/errors.xlsx`}>{t('crm.wizard.report')}</a>
                </>
              )}
              <Button onClick={reset}>{t('crm.wizard.again')}</Button>
            </>
          )}
        </Space>
      )}
    </Modal>
  );
}
