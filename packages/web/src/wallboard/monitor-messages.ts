/** The QA analyst's view of the wallboard (实时监听): its title and what it offers, by the center's setting. */
export const liveMonitorZh = {
  title: '实时监听',
  listenOnly: '质检员可监听全部班组的通话；耳语与强插须在 中心设置 中允许。',
  whisperAllowed: '质检员可监听全部班组的通话；中心设置允许耳语与强插。',
};

export const liveMonitorEn: typeof liveMonitorZh = {
  title: 'Live monitoring',
  listenOnly: 'QA may listen to calls of every team; whisper and barge need the center settings to allow them.',
  whisperAllowed: 'QA may listen to calls of every team; the center settings allow whisper and barge.',
};
