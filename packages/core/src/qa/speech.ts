import type { Answer } from './scoring';

/** A call's transcript: who said what when, as a speech recogniser returns it. */
export interface Transcript {
  callId: string;
  segments: { startSeconds: number; speaker: 'agent' | 'customer'; text: string }[];
}

/**
 * The transcription port: a recording in, a transcript out. Banzu ships no model; a center plugs a
 * local recogniser in (docs/qa.md, "Speech analytics"), tests use a stub with fixture transcripts.
 */
export interface TranscriptionPort {
  transcribe(call: { callId: string; path: string }): Promise<Transcript>;
}

/**
 * A rule on transcript text: a banned phrase (禁语) the agent must not say, a phrase the agent must
 * say (the standard greeting), or a keyword worth a look. With `itemKey` a hit pre-answers that item
 * of the scoring sheet: a banned phrase fails it, a required phrase missing gives it 0.
 */
export interface SpeechRule {
  id: string;
  kind: 'banned' | 'required' | 'keyword';
  phrases: string[];
  speaker: 'agent' | 'customer' | 'any';
  itemKey?: string;
}

export interface SpeechHit {
  ruleId: string;
  phrase: string;
  atSeconds: number;
  speaker: 'agent' | 'customer';
}

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/**
 * Chinese text as words (ICU's dictionary segmentation), so a phrase matches whole words only:
 * the banned "滚" is not found in "滚动条".
 *
 * @example
 * words('请问滚动条在哪里'); // ['请问', '滚动', '条', '在', '哪里']
 */
export function words(text: string): string[] {
  return [...segmenter.segment(text.toLowerCase())].filter((s) => s.isWordLike).map((s) => s.segment);
}

function contains(haystack: string[], needle: string[]): boolean {
  if (needle.length === 0) return false;
  for (let i = 0; i + needle.length <= haystack.length; i++) if (needle.every((w, j) => haystack[i + j] === w)) return true;
  return false;
}

/**
 * Where the rules' phrases occur in a transcript, word by word, for the speakers they apply to.
 * Required phrases are reported where they occur too; `missingRequired` says which never did.
 *
 * @example
 * speechHits(transcript, [{ id: 'rude', kind: 'banned', phrases: ['滚'], speaker: 'agent' }]); // [{ ruleId: 'rude', phrase: '滚', atSeconds: 83, speaker: 'agent' }]
 */
export function speechHits(transcript: Transcript, rules: readonly SpeechRule[]): SpeechHit[] {
  const hits: SpeechHit[] = [];
  for (const segment of transcript.segments) {
    const said = words(segment.text);
    for (const rule of rules) {
      if (rule.speaker !== 'any' && rule.speaker !== segment.speaker) continue;
      for (const phrase of rule.phrases) {
        if (contains(said, words(phrase))) hits.push({ ruleId: rule.id, phrase, atSeconds: segment.startSeconds, speaker: segment.speaker });
      }
    }
  }
  return hits;
}

/** The required rules none of whose phrases was said. */
export function missingRequired(transcript: Transcript, rules: readonly SpeechRule[]): SpeechRule[] {
  const hit = new Set(speechHits(transcript, rules).map((h) => h.ruleId));
  return rules.filter((r) => r.kind === 'required' && !hit.has(r.id));
}

/**
 * What the transcript says for sampling: a banned phrase (禁语) or a keyword of the rules was said
 * (by the speaker each rule is for). Required phrases missing do not pick a call.
 *
 * @example
 * speechFlags(transcript, rules); // { bannedPhrase: true, keyword: false }
 */
export function speechFlags(transcript: Transcript, rules: readonly SpeechRule[]): { bannedPhrase: boolean; keyword: boolean } {
  const kinds = new Set(speechHits(transcript, rules).map((h) => rules.find((r) => r.id === h.ruleId)!.kind));
  return { bannedPhrase: kinds.has('banned'), keyword: kinds.has('keyword') };
}

/**
 * Answers the transcript already decides, for the inspector to confirm: an item whose banned phrase
 * was said fails (with where), an item whose required phrase never came gets 0. Other items are left
 * to the inspector.
 *
 * @example
 * suggestedAnswers(transcript, rules); // [{ key: 'courtesy', failed: true, why: '禁语「滚」 1:23' }]
 */
export function suggestedAnswers(transcript: Transcript, rules: readonly SpeechRule[]): (Answer & { why: string })[] {
  const answers = new Map<string, Answer & { why: string }>();
  for (const h of speechHits(transcript, rules)) {
    const rule = rules.find((r) => r.id === h.ruleId)!;
    if (rule.kind !== 'banned' || !rule.itemKey || answers.has(rule.itemKey)) continue;
    const at = `${Math.floor(h.atSeconds / 60)}:${String(Math.floor(h.atSeconds % 60)).padStart(2, '0')}`;
    answers.set(rule.itemKey, { key: rule.itemKey, failed: true, why: `禁语「${h.phrase}」 ${at}` });
  }
  for (const rule of missingRequired(transcript, rules)) {
    if (rule.itemKey && !answers.has(rule.itemKey)) answers.set(rule.itemKey, { key: rule.itemKey, earned: 0, why: `未说「${rule.phrases[0]}」` });
  }
  return [...answers.values()];
}
