/** What the recordings answer, in both languages (part of the catalogue, server/http/messages). */
export const recordingMessages = {
  'recording.missing': { zh: '找不到通话 {call} 的录音', en: 'no recording of call {call}' },
  'recording.deleted': { zh: '通话 {call} 的录音文件已按保存期限删除', en: 'the recording file of call {call} was deleted when its retention ended' },
};
