import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, type ButtonProps } from 'antd';
import { type MouseEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { initialLanguage } from '../i18n/index';

/** The name the server gave the file (`filename*=UTF-8''…` first, for Chinese names), else the URL's last part. */
function fileName(disposition: string | null, url: string): string {
  const encoded = disposition?.match(/filename\*=UTF-8''([^;]+)/i)?.[1];
  if (encoded) return decodeURIComponent(encoded);
  const plain = disposition?.match(/filename="?([^";]+)"?/i)?.[1];
  return plain ?? new URL(url, 'http://banzu').pathname.split('/').pop() ?? 'banzu';
}

/**
 * Fetches a file the server makes (an Excel export, say) and saves it. A refusal (too many rows,
 * no permission, a bad filter) is thrown as the server's ApiError, in the user's language, instead
 * of the browser opening the JSON in place of the file.
 *
 * @example
 * await downloadFile('/api/v1/tickets/export.xlsx?view=mine&lang=zh-CN');
 */
export async function downloadFile(url: string): Promise<void> {
  const response = await fetch(url, { credentials: 'same-origin', headers: { 'accept-language': initialLanguage() } });
  if (!response.ok) {
    const payload = (await response.json().catch(() => ({}))) as { error?: { code: string; message: string; details?: unknown } };
    const error = payload.error ?? { code: 'http_error', message: response.statusText };
    throw new ApiError(response.status, error.code, error.message, error.details);
  }
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = fileName(response.headers.get('content-disposition'), url);
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click is handled; the object URL only holds memory.
  setTimeout(() => URL.revokeObjectURL(link.href), 0);
}

/**
 * An export button: still a link to the file (copied, opened in a new tab), but a click downloads
 * it through `downloadFile`, so a refusal shows as a message on the page.
 *
 * @example
 * <ExportButton href={`/api/v1/qa/report/export.xlsx?${search}`}>导出 Excel</ExportButton>
 */
export function ExportButton({ href, ...props }: ButtonProps & { href: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const onClick = async (event: MouseEvent<HTMLElement>) => {
    event.preventDefault();
    setBusy(true);
    try {
      await downloadFile(href);
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : t('errors.generic', { message: String(err) }));
    } finally {
      setBusy(false);
    }
  };
  return <Button icon={<DownloadOutlined />} {...props} href={href} loading={busy} onClick={onClick} />;
}
