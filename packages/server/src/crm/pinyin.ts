import { pinyin } from 'pinyin-pro';
import { initialsKey } from '@banzu/core';

/**
 * The pinyin initials of a name for search: 张三 → 'zs', 欧阳娜娜 → 'oynn' (surnames read as
 * surnames: 曾 is zeng, 单 is shan), John Smith → 'js'.
 *
 * @example
 * nameInitials('张三'); // 'zs'
 */
export function nameInitials(name: string): string {
  const parts = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', surname: 'head', nonZh: 'consecutive' });
  return initialsKey(parts.flatMap((p) => (p.match(/[A-Za-z]+|\d+/g) ?? []).map((w) => w[0]!)));
}
