/** What the QA report and a call as the inspector scores it answer, in both languages (part of the catalogue, server/http/messages). */
export const qaMessages = {
  // The QA report.
  'qa.report_from': { zh: '开始日期应为 YYYY-MM-DD 格式的日期', en: 'the first date is written YYYY-MM-DD' },
  'qa.report_to': { zh: '结束日期应为 YYYY-MM-DD 格式的日期', en: 'the end date is written YYYY-MM-DD' },
  'qa.report_by': { zh: '分组方式应为座席、班组或质检员（agent、team、inspector）', en: 'group by agent, team or inspector' },
  'qa.report_reversed': { zh: '结束日期 {to} 早于开始日期 {from}', en: 'the end date {to} is before the first date {from}' },
  'qa.report_too_long': { zh: '报表区间最长 {most} 天', en: 'a report covers at most {most} days' },
  'qa.report_not_agents': { zh: '你无权查看质检报表', en: 'agents may not see the QA report' },
  'qa.agent_not_in_team': { zh: '座席 {agent} 不在你的班组', en: 'the agent {agent} is not on your team' },
  'qa.no_agent': { zh: '找不到座席 {id}', en: 'agent {id} not found' },
  'qa.no_inspector': { zh: '找不到质检员 {id}', en: 'QA analyst {id} not found' },
  // The inspector's daily log (质检日志).
  'qa.log_date': { zh: '日期应为 YYYY-MM-DD 格式的日期', en: 'the date is written YYYY-MM-DD' },
  'qa.log_other_inspector': { zh: '质检员只能查看自己的质检日志', en: 'a QA analyst sees only the own QA log' },
  'qa.log_future': { zh: '不能为未来的日期 {date} 写质检日志', en: 'no QA log note for {date}, a day yet to come' },
  'qa.log_note_text': { zh: '日志内容应为文字', en: 'the note is text' },
  'qa.log_note_long': { zh: '日志内容最多 {maximum} 字', en: 'a note holds at most {maximum} characters' },
  // A call to score.
  'qa.no_call': { zh: '找不到通话 {id}', en: 'call {id} not found' },
  'qa.already_scored': { zh: '这通电话已由 {inspector} 于 {at} 评分（评分记录 {id}）', en: 'this call was scored already, by {inspector} on {at} (evaluation {id})' },
  'qa.comment_before_start': { zh: '批注的时间点不能为负数（{seconds} 秒）', en: 'a comment cannot be pinned before the recording starts ({seconds} s)' },
  'qa.comment_unknown_item': { zh: '批注所指的评分项 {key} 不在评分表中', en: 'the comment is pinned to item {key}, which is not on the scoring sheet' },
  // Coaching (个别辅导) from an evaluation.
  'qa.coaching_unknown_item': { zh: '评分项 {key} 不在这条评分的评分表中', en: 'item {key} is not on the scoring sheet of this evaluation' },
  'qa.coaching_past_follow_up': { zh: '跟进日期 {date} 已过，最早是今天（{today}）', en: 'the follow-up date {date} has passed: today ({today}) at the earliest' },
  // Filing a call in the model-call library.
  'qa.library_not_your_team': { zh: '这通电话不在你的班组范围内', en: 'this call is not your team’s' },
  'qa.no_evaluation': { zh: '找不到评分记录 {id}', en: 'evaluation {id} not found' },
  'qa.library_other_call': { zh: '评分记录 {id} 评的是通话 {scored}，不是通话 {call}', en: 'evaluation {id} is of call {scored}, not of call {call}' },
};
