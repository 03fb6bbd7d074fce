import { wallClock } from '@banzu/core';

/** The language an export is written in: headers, labels and titles. */
export type ExportLanguage = 'zh' | 'en';

/**
 * The user's language for an export: the console's choice sent as `?lang=` (a download link cannot
 * send headers), else the browser's Accept-Language, else Chinese.
 *
 * @example
 * exportLanguage(request); // 'en' for /api/v1/…?format=xlsx&lang=en
 */
export function exportLanguage(request: { url: string; headers: Record<string, string | string[] | undefined> }): ExportLanguage {
  const lang = new URL(request.url, 'http://banzu').searchParams.get('lang');
  const wanted = lang ?? String(request.headers['accept-language'] ?? '');
  return wanted.trim().toLowerCase().startsWith('en') ? 'en' : 'zh';
}

/**
 * A moment as people on the floor read it, on the center's clock: `2026-01-05 21:37:06`; empty for none.
 *
 * @example
 * centerTime('2026-12-05T13:37:06.407Z', 'Asia/Shanghai'); // '2026-12-05 21:37:06'
 */
export function centerTime(at: Date | string | number | null | undefined, timeZone: string): string {
  if (at === null || at === undefined) return '';
  const ms = at instanceof Date ? at.getTime() : typeof at === 'string' ? Date.parse(at) : at;
  if (!Number.isFinite(ms)) return '';
  return wallClock(ms, timeZone, { seconds: true });
}

/** One of a Chinese and an English text, by the export's language. */
export function inLanguage(language: ExportLanguage, zh: string, en: string): string {
  return language === 'en' ? en : zh;
}
