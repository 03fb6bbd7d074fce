/**
 * Knowledge base (问题库) search that works on Chinese: Chinese has no spaces, so text is indexed
 * as single characters and overlapping character pairs (bigrams); Latin words and numbers as
 * words. A query term matches a field by the share of its pairs that occur there, so "宽带 报修" finds
 * "宽带故障报修流程". Pinyin initials ("kdgz" for 宽带故障) match the initials the caller computed.
 *
 * @example
 * const doc = kbDocument({ title: '宽带故障报修流程', body: '…', tags: ['宽带'], initials: 'kdgzbxlc' });
 * kbScore(kbQuery('宽带 报修'), doc); // > 0
 * kbScore(kbQuery('kdgz'), doc);      // > 0, by the initials
 * indexGrams('宽带报修');              // ['宽', '带', '报', '修', '宽带', '带报', '报修']
 */

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const RUNS = /[\u3400-\u9fff\uf900-\ufaff]+|[a-z0-9]+/g;

/** Unicode-normalised, lower case: full-width letters and digits become ASCII. */
const normalize = (text: string) => text.normalize('NFKC').toLowerCase();

function runGrams(run: string): string[] {
  if (!CJK.test(run[0]!)) return [run];
  const chars = [...run];
  const pairs = chars.slice(0, -1).map((c, i) => c + chars[i + 1]!);
  return [...chars, ...pairs];
}

/**
 * What a text is indexed under: its Chinese characters and character pairs, and its Latin words
 * and numbers; each once.
 */
export function indexGrams(text: string): string[] {
  return [...new Set((normalize(text).match(RUNS) ?? []).flatMap(runGrams))];
}

/** A query as terms; a Chinese term is the pairs it must contain (a single character itself). */
export interface KbQuery {
  terms: { text: string; grams: string[]; latin: boolean }[];
}

export function kbQuery(text: string): KbQuery {
  const terms = (normalize(text).match(RUNS) ?? []).map((run) => {
    const chars = [...run];
    const latin = !CJK.test(chars[0]!);
    const grams = latin || chars.length === 1 ? [run] : chars.slice(0, -1).map((c, i) => c + chars[i + 1]!);
    return { text: run, grams, latin };
  });
  return { terms };
}

/**
 * The agent's notes as a query: free text runs on without spaces and with words around the ones
 * that matter ("客户反映宽带报修后无人上门"), so each character pair is a term of its own, as is each
 * Latin word; single characters are too common to say anything. An article scores by how many of
 * the pairs it has and where.
 *
 * @example
 * kbScore(kbNotesQuery('客户说宽带断网要报修'), broadband); // > 0: 宽带 and 报修 are in its title
 */
export function kbNotesQuery(text: string): KbQuery {
  const seen = new Set<string>();
  const terms: KbQuery['terms'] = [];
  for (const run of normalize(text).match(RUNS) ?? []) {
    const chars = [...run];
    const latin = !CJK.test(chars[0]!);
    for (const gram of latin ? [run] : chars.slice(0, -1).map((c, i) => c + chars[i + 1]!)) {
      if (seen.has(gram)) continue;
      seen.add(gram);
      terms.push({ text: gram, grams: [gram], latin });
    }
  }
  return { terms };
}

/** The grams a query asks the index for (to narrow the candidates before scoring). */
export function queryGrams(query: KbQuery): string[] {
  return [...new Set(query.terms.flatMap((t) => t.grams))];
}

/** An article as the scorer sees it. */
export interface KbDocument {
  title: ReadonlySet<string>;
  labels: ReadonlySet<string>;
  body: ReadonlySet<string>;
  /** Pinyin initials of the title, lower case (given by the caller). */
  initials: string;
}

export function kbDocument(article: { title: string; body: string; tags?: readonly string[]; category?: string; initials?: string }): KbDocument {
  return {
    title: new Set(indexGrams(article.title)),
    labels: new Set(indexGrams([...(article.tags ?? []), article.category ?? ''].join(' '))),
    body: new Set(indexGrams(article.body)),
    initials: normalize(article.initials ?? ''),
  };
}

/** Share of a term's pairs a field must have for the term to count there. */
const MIN_SHARE = 0.5;
/** Weights of a term found in the title, the tags or category, the body. */
const WEIGHTS = { title: 3, labels: 2, body: 1 } as const;

/**
 * How well an article answers a query: each term counts the best field it is found in (title 3,
 * tags and category 2, body 1, times the share of the term's pairs found there; a Latin term also
 * as pinyin initials of the title, 2), divided by the most the query could get: 1 when every term
 * is in the title, 0 when none is found.
 */
export function kbScore(query: KbQuery, doc: KbDocument): number {
  if (query.terms.length === 0) return 0;
  let total = 0;
  for (const term of query.terms) {
    // A term typed without spaces ("宽带报修") spans words the article has apart: part of its pairs count, from half of them on.
    const found = (field: ReadonlySet<string>) => {
      const share = term.grams.filter((g) => field.has(g)).length / term.grams.length;
      return share >= MIN_SHARE ? share : 0;
    };
    let best = Math.max(WEIGHTS.title * found(doc.title), WEIGHTS.labels * found(doc.labels), WEIGHTS.body * found(doc.body));
    if (term.latin && term.text.length >= 2 && /^[a-z]+$/.test(term.text) && doc.initials.includes(term.text)) best = Math.max(best, WEIGHTS.labels);
    total += best;
  }
  return total / (WEIGHTS.title * query.terms.length);
}
