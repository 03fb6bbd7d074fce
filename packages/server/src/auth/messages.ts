/** What signing in and passwords answer, in both languages (part of the catalogue, server/http/messages). */
export const authMessages = {
  'auth.too_many_attempts': { zh: '登录失败次数过多，请 {minutes} 分钟后再试', en: 'too many failed logins: try again in {minutes} minutes' },
  'auth.wrong_current_password': { zh: '当前密码不正确', en: 'the current password is wrong' },
  'auth.same_password': { zh: '新密码不能与当前密码相同', en: 'the new password must differ from the current one' },
  // What is wrong with a password (auth/policy).
  'password.too_short': { zh: '密码至少需要 {minimum} 个字符', en: 'a password needs at least {minimum} characters' },
  'password.one_character': { zh: '密码不能由同一个字符重复组成', en: 'a password cannot be one character repeated' },
  'password.blank': { zh: '密码不能全是空格', en: 'a password cannot be all spaces' },
  'password.has_username': { zh: '密码不能包含用户名', en: 'a password cannot contain the username' },
  'password.common': { zh: '这个密码太常见，很容易被猜到，请换一个', en: 'this password is too common and easily guessed: choose another' },
};
