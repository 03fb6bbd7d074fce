/** What the access rules answer when a caller asks for more than the own team or own figures (part of the catalogue, server/http/messages). */
export const accessMessages = {
  'access.no_team': { zh: '你不属于任何班组', en: 'you belong to no team' },
  'access.not_your_team': { zh: '班组 {team} 不是你的班组', en: 'team {team} is not your team' },
  'access.own_figures_only': { zh: '座席只能查看自己的数据', en: 'an agent sees only the own figures' },
};
