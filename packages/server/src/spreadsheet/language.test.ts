import { describe, expect, it } from 'vitest';
import { centerTime, exportLanguage } from './index';

describe('an export in the user’s language and the center’s time', () => {
  it('takes the console’s language from ?lang=, else the browser’s, else Chinese', () => {
    expect(exportLanguage({ url: '/api/v1/x?format=xlsx&lang=en', headers: { 'accept-language': 'zh-CN' } })).toBe('en');
    expect(exportLanguage({ url: '/api/v1/x?lang=zh-CN', headers: { 'accept-language': 'en-US,en' } })).toBe('zh');
    expect(exportLanguage({ url: '/api/v1/x', headers: { 'accept-language': 'en-GB,en;q=0.9' } })).toBe('en');
    expect(exportLanguage({ url: '/api/v1/x', headers: {} })).toBe('zh');
  });

  it('writes a moment on the center’s clock, not in UTC, and nothing for none', () => {
    expect(centerTime('2026-12-05T13:37:06.407Z', 'Asia/Shanghai')).toBe('2026-12-05 21:37:06');
    expect(centerTime(new Date('2026-12-05T20:00:00Z'), 'Asia/Shanghai')).toBe('2026-12-06 04:00:00');
    expect(centerTime(null, 'Asia/Shanghai')).toBe('');
    expect(centerTime('not a time', 'Asia/Shanghai')).toBe('');
  });
});
