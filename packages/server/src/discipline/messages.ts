/** What penalty points, praise and the discipline catalogue (扣分、表扬) answer, in both languages (part of the catalogue, server/http/messages). */
export const disciplineMessages = {
  // The catalogue's form.
  'discipline.rule_text_empty': { zh: '扣分条款内容不能为空', en: 'a rule needs its text' },
  'discipline.points_negative': { zh: '分值不能为负', en: 'points cannot be negative' },
  'discipline.points_large': { zh: '分值不能超过{maximum}', en: 'at most {maximum} points' },
  'discipline.rule_code': { zh: '条款编码只能用字母、数字、- 和 _，最长20位', en: 'a rule code has letters, digits, - and _, at most 20 of them' },
  'discipline.praise_empty': { zh: '表扬内容不能为空', en: 'praise needs its text' },
  // Recording, listing and deciding items.
  'discipline.no_agent': { zh: '找不到座席“{agent}”', en: 'no agent "{agent}"' },
  'discipline.not_agent': { zh: '{name} 不是座席，扣分和表扬只记在座席名下', en: '{name} is not an agent: points and praise are for agents' },
  'discipline.own_team.give': { zh: '只能给本班组的座席扣分', en: 'you give points only to your own team’s agents' },
  'discipline.own_team.decide': { zh: '只能处理本班组的座席', en: 'you decide only for your own team’s agents' },
  'discipline.own_team.praise': { zh: '只能表扬本班组的座席', en: 'you praise only your own team’s agents' },
  'discipline.own_team.choose': { zh: '只能选择本班组的座席', en: 'you choose only among your own team’s agents' },
  'discipline.no_rule': { zh: '扣分条款“{code}”不存在', en: 'no rule "{code}"' },
  'discipline.rule_inactive': { zh: '扣分条款“{code}”已停用', en: 'the rule "{code}" is no longer used' },
  'discipline.future': { zh: '发生时间不能晚于现在', en: 'it cannot have happened after now' },
  'discipline.own_or_team_view': { zh: '只能查看本人或本班组座席的扣分', en: 'you see only your own or your team’s points' },
  'discipline.team_view': { zh: '只能查看本班组座席的扣分', en: 'you see only your own team’s points' },
  'discipline.contest_own': { zh: '只有被扣分的座席本人可以申诉', en: 'only the agent given the points contests them' },
  'discipline.own_team_only': { zh: '只能查看本班组', en: 'you see only your own team' },
  'discipline.team_required': { zh: '请指定班组', en: 'name the team' },
  'discipline.proposals_not_agents': { zh: '座席不能查看系统建议', en: 'agents do not see the system’s proposals' },
  'discipline.proposal_accepted': { zh: '这条建议已采纳', en: 'this proposal was accepted already' },
  'discipline.proposal_dismissed': { zh: '这条建议已忽略', en: 'this proposal was dismissed already' },
  'discipline.agent_no_team': { zh: '该座席不属于任何班组', en: 'the agent belongs to no team' },
  // A step the item's status does not allow (core's nextPointStatus).
  'discipline.contested': { zh: '该扣分已在申诉中', en: 'these points are contested already' },
  'discipline.decided': { zh: '该扣分已处理，不能再申诉', en: 'these points were decided: they cannot be contested' },
  'discipline.reason_required': { zh: '申诉须填写理由', en: 'a contest needs a reason' },
  'discipline.not_contested': { zh: '只有申诉中的扣分可以维持', en: 'only contested points can be upheld' },
  'discipline.withdrawn': { zh: '该扣分已撤销', en: 'these points were withdrawn already' },
};
