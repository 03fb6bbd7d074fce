import { normalizePhone } from './phone';

/**
 * What a search box text means: a phone number (whole, or the start of one), pinyin initials
 * ("zs" for 张三), or part of a name. Latin letters may be initials or a Latin name: both are tried.
 */
export type CustomerQuery =
  | { kind: 'phone'; e164: string }
  | { kind: 'phone_prefix'; prefix: string }
  | { kind: 'initials'; initials: string; name: string }
  | { kind: 'name'; name: string };

/**
 * @example
 * parseCustomerQuery('138 1234 5678'); // { kind: 'phone', e164: '+8613812345678' }
 * parseCustomerQuery('1381234');       // { kind: 'phone_prefix', prefix: '+861381234' }
 * parseCustomerQuery('ZS');            // { kind: 'initials', initials: 'zs', name: 'ZS' }
 * parseCustomerQuery('张');            // { kind: 'name', name: '张' }
 */
export function parseCustomerQuery(text: string): CustomerQuery | null {
  const q = text.normalize('NFKC').trim();
  if (q === '') return null;
  if (/^[+\d][\d\s()-]*$/.test(q)) {
    const phone = normalizePhone(q);
    if (phone.ok) return { kind: 'phone', e164: phone.e164 };
    const digits = q.replace(/\D/g, '');
    if (q.startsWith('+')) return { kind: 'phone_prefix', prefix: `+${digits}` };
    // A national number typed in part: a mobile (1…), or a landline with its trunk 0.
    return { kind: 'phone_prefix', prefix: digits.startsWith('0') ? `+86${digits.slice(1)}` : `+86${digits}` };
  }
  if (/^[a-z]+$/i.test(q)) return { kind: 'initials', initials: q.toLowerCase(), name: q };
  return { kind: 'name', name: q };
}

/**
 * The search key of a name from the first letters of its syllables' pinyin (given by the caller,
 * e.g. from pinyin-pro): lower-case Latin letters and digits only.
 *
 * @example
 * initialsKey(['Z', 'S']); // 'zs'
 * initialsKey(['J', 'S']); // 'js' (John Smith)
 */
export function initialsKey(firstLetters: readonly string[]): string {
  return firstLetters
    .join('')
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}
