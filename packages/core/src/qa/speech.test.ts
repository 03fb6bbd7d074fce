import { describe, expect, it } from 'vitest';
import { missingRequired, speechFlags, speechHits, suggestedAnswers, words, type SpeechRule, type Transcript } from './speech';

/** A fixture transcript, as a recogniser (sherpa-onnx with Paraformer, say) would return it. */
const transcript: Transcript = {
  callId: 'c1',
  segments: [
    { startSeconds: 0, speaker: 'customer', text: '喂，我家空调不制冷了。' },
    { startSeconds: 4, speaker: 'agent', text: '喂，什么事？' },
    { startSeconds: 9, speaker: 'customer', text: '页面上的滚动条也点不动。' },
    { startSeconds: 83, speaker: 'agent', text: '这个不归我管，你爱找谁找谁。' },
    { startSeconds: 95, speaker: 'customer', text: '你们这什么服务，我要投诉！' },
  ],
};

const rules: SpeechRule[] = [
  { id: 'rude', kind: 'banned', phrases: ['不归我管', '滚'], speaker: 'agent', itemKey: 'courtesy' },
  { id: 'greeting', kind: 'required', phrases: ['您好', '很高兴为您服务'], speaker: 'agent', itemKey: 'greeting' },
  { id: 'complaint', kind: 'keyword', phrases: ['投诉'], speaker: 'customer' },
];

describe('speech analytics on transcripts', () => {
  it('segments Chinese into words so a phrase matches whole words only', () => {
    expect(words('页面上的滚动条也点不动')).toContain('滚动');
    expect(speechHits({ callId: 'x', segments: [{ startSeconds: 0, speaker: 'agent', text: '页面上的滚动条' }] }, rules)).toEqual([]);
    expect(speechHits({ callId: 'x', segments: [{ startSeconds: 0, speaker: 'agent', text: '你给我滚！' }] }, rules)).toEqual([
      { ruleId: 'rude', phrase: '滚', atSeconds: 0, speaker: 'agent' },
    ]);
  });

  it('finds banned phrases and keywords for the speakers they apply to, and the required phrases never said', () => {
    expect(speechHits(transcript, rules)).toEqual([
      { ruleId: 'rude', phrase: '不归我管', atSeconds: 83, speaker: 'agent' },
      { ruleId: 'complaint', phrase: '投诉', atSeconds: 95, speaker: 'customer' },
    ]);
    expect(missingRequired(transcript, rules).map((r) => r.id)).toEqual(['greeting']);
  });

  it('pre-answers the items the transcript decides, saying why', () => {
    expect(suggestedAnswers(transcript, rules)).toEqual([
      { key: 'courtesy', failed: true, why: '禁语「不归我管」 1:23' },
      { key: 'greeting', earned: 0, why: '未说「您好」' },
    ]);
  });

  it('flags a call for sampling by a banned phrase or a keyword said by the speaker the rule is for', () => {
    expect(speechFlags(transcript, rules)).toEqual({ bannedPhrase: true, keyword: true });
    const agentOnly = rules.map((r) => (r.id === 'complaint' ? { ...r, speaker: 'agent' as const } : r));
    expect(speechFlags(transcript, agentOnly)).toEqual({ bannedPhrase: true, keyword: false });
    // A required phrase never said is for the item's answer, not for sampling.
    expect(speechFlags({ callId: 'x', segments: [{ startSeconds: 0, speaker: 'agent', text: '好的' }] }, rules)).toEqual({ bannedPhrase: false, keyword: false });
  });
});
