import { parsePhoneNumberFromString, validatePhoneNumberLength, type CountryCode } from 'libphonenumber-js/max';

export type PhoneKind = 'mobile' | 'landline' | 'other';

/** Why a text is not a phone number; stable codes for import errors and API answers. */
export type PhoneProblem = 'empty' | 'not_a_number' | 'too_short' | 'too_long' | 'invalid_country' | 'invalid';

export type NormalizedPhone = { ok: true; e164: string; kind: PhoneKind; country: string | null } | { ok: false; problem: PhoneProblem; message: string };

const problemMessages: Record<PhoneProblem, string> = {
  empty: 'no phone number',
  not_a_number: 'not a phone number',
  too_short: 'too few digits for a phone number',
  too_long: 'too many digits for a phone number',
  invalid_country: 'unknown country code',
  invalid: 'not a valid number in its country (wrong prefix or length)',
};

const fail = (problem: PhoneProblem): NormalizedPhone => ({ ok: false, problem, message: problemMessages[problem] });

/**
 * A phone number as people type it (138-1234-5678, 010-12345678, +86 138 1234 5678, 0086…) in
 * E.164 (+8613812345678), with its kind; numbers without a country code are read as
 * `defaultCountry`'s (China unless told). An extension is dropped: customers are called on the line.
 *
 * @example
 * normalizePhone('138 1234 5678'); // { ok: true, e164: '+8613812345678', kind: 'mobile', country: 'CN' }
 * normalizePhone('12345').ok;      // false (problem 'too_short')
 */
export function normalizePhone(text: string, defaultCountry: CountryCode = 'CN'): NormalizedPhone {
  const trimmed = text.normalize('NFKC').trim();
  if (trimmed === '') return fail('empty');
  // Letters other than an extension marker mean a name or a note landed in the phone column.
  if (/[a-wyz]/i.test(trimmed.replace(/\b(ext|x)\.?\s*\d+$/i, ''))) return fail('not_a_number');
  const length = validatePhoneNumberLength(trimmed, defaultCountry);
  if (length === 'NOT_A_NUMBER') return fail('not_a_number');
  if (length === 'TOO_SHORT') return fail('too_short');
  if (length === 'TOO_LONG') return fail('too_long');
  if (length === 'INVALID_COUNTRY') return fail('invalid_country');
  const parsed = parsePhoneNumberFromString(trimmed, defaultCountry);
  if (!parsed) return fail('not_a_number');
  if (!parsed.isValid()) return fail('invalid');
  const type = parsed.getType();
  const kind: PhoneKind = type === 'MOBILE' ? 'mobile' : type === 'FIXED_LINE' ? 'landline' : 'other';
  return { ok: true, e164: parsed.number, kind, country: parsed.country ?? null };
}

/**
 * The forms a switch may report for an E.164 number: itself, without the +, and for Chinese
 * numbers the national forms (13812345678, 01012345678). Used to find a customer's calls.
 *
 * @example
 * phoneVariants('+8613812345678'); // ['+8613812345678', '8613812345678', '13812345678', '013812345678']
 */
export function phoneVariants(e164: string): string[] {
  const digits = e164.replace(/^\+/, '');
  const variants = [e164, digits];
  if (digits.startsWith('86')) {
    const national = digits.slice(2);
    variants.push(national, `0${national}`);
  }
  return variants;
}

/** A number as read aloud in its country (138 1234 5678, 010 1234 5678), for display. */
export function formatPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return parsed.countryCallingCode === '86' ? parsed.formatNational() : parsed.formatInternational();
}
