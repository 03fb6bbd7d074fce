/** What setting an agent's SIP password answers, in both languages (part of the catalogue, server/http/messages). */
export const sipMessages = {
  'sip.not_an_agent': { zh: '用户 {user} 不是座席，没有 SIP 账号', en: 'user {user} is not an agent and has no SIP account' },
  'sip.not_your_team': { zh: '用户 {user} 不在你的班组', en: 'user {user} is not on your team' },
  'sip.password_short': { zh: 'SIP 密码至少 {minimum} 个字符', en: 'a SIP password needs at least {minimum} characters' },
  'sip.password_long': { zh: 'SIP 密码最多 {maximum} 个字符', en: 'a SIP password has at most {maximum} characters' },
  'sip.may_not_set': { zh: '{role}不能修改座席的 SIP 密码', en: 'the {role} role may not change an agent’s SIP password' },
  'sip.weak_password': { zh: '不能用作 SIP 密码：{problem}', en: 'not usable as a SIP password: {problem}' },
};
