import { words, type Wording } from '../http/messages';

/** The shortest password accepted. */
export const minPasswordLength = 8;

/**
 * Passwords guessed first: the most common ones of leaked lists, the Chinese favourites among them
 * (a long list belongs in a rate-limited login, which Banzu has; this keeps out the obvious).
 */
const commonPasswords = new Set([
  '12345678',
  '123456789',
  '1234567890',
  '0123456789',
  '87654321',
  '11223344',
  '12341234',
  '12344321',
  '11111111',
  '88888888',
  '66666666',
  '00000000',
  '123123123',
  '147258369',
  '159357456',
  '5201314520',
  '52013141314',
  'woaini1314',
  'woaini520',
  'iloveyou',
  'iloveyou1',
  'password',
  'password1',
  'password123',
  'passw0rd',
  'p@ssw0rd',
  'p@ssword',
  'qwertyui',
  'qwertyuiop',
  'qwerty123',
  'qwer1234',
  'asdfghjk',
  'asdfghjkl',
  'asdf1234',
  'zxcvbnm1',
  'zxcvbnm123',
  '1qaz2wsx',
  '1q2w3e4r',
  '1q2w3e4r5t',
  'q1w2e3r4',
  'qazwsxedc',
  'abcd1234',
  'abc12345',
  'abc123456',
  'a1234567',
  'a12345678',
  'a123456789',
  'aa123456',
  'aa12345678',
  'qq123456',
  'qq5201314',
  'admin123',
  'admin1234',
  'admin12345',
  'administrator',
  'root1234',
  'welcome1',
  'welcome123',
  'letmein1',
  'changeme',
  'changeme123',
  'sunshine',
  'princess',
  'football',
  'baseball',
  'superman',
  'dragon123',
  'monkey123',
  'trustno1',
  'whatever',
  'computer',
  'internet',
  'banzu123',
  'banzu1234',
  'banzu2026',
]);

/**
 * What is wrong with a password, in the catalogue's words, or null when it may be used: long
 * enough, not one character repeated, not the username, not one of the passwords guessed first.
 *
 * @example
 * passwordProblem('aaaaaaaa', 'admin'); // words('password.one_character'): '密码不能由同一个字符重复组成'
 * passwordProblem('柳絮-风筝-42', 'admin'); // null
 */
export function passwordProblem(password: string, username?: string): Wording | null {
  if ([...password].length < minPasswordLength) return words('password.too_short', { minimum: minPasswordLength });
  if (new Set(password).size === 1) return words('password.one_character');
  if (password.trim() === '') return words('password.blank');
  const lower = password.toLowerCase();
  if (username && username.length >= 3 && lower.includes(username.toLowerCase())) return words('password.has_username');
  if (commonPasswords.has(lower)) return words('password.common');
  return null;
}
