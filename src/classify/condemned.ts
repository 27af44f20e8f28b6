/** Quoted or referenced hate governed by a condemnation predicate: someone else's words, named in order to reject them. */
import type { AnalyzedToken } from '../text/index.js';

/** Words that introduce a quoted or referenced statement ("saying", "words like", «называть», «деу»); stem prefixes. */
const REFERENCE = [
  // en
  'say',
  'call',
  'statement',
  'phrase',
  'word',
  'term',
  'slogan',
  'remark',
  'comment',
  'label',
  'slur',
  'refer',
  'describ',
  'shout',
  'compar',
  // ru
  'называ',
  'назвать',
  'обзыва',
  'говорить',
  'говорят',
  'говорит',
  'фраз',
  'слова',
  'словечк',
  'высказыван',
  'выражени',
  'лозунг',
  'ярлык',
  'кличк',
  'утвержден',
  'крич',
  'сравнени',
  // kk
  'деу',
  'дейтін',
  '=деп',
  'деген',
  'сөз',
  'тіркес',
  'атау',
  'ұран',
  'айқай',
  'теңеу',
];

/** Relative pronouns that make a reference word someone else's speech ("people who call…", «те, кто называет…»). */
const RELATIVE = new Set(['who', 'whoever', 'кто', 'которые', 'который', 'которая', 'которых', 'которым']);
/** Kazakh participles of saying: the referenced words come before them («…паразит дейтіндер»). */
const KK_SAYERS = ['дейтін', 'атайтын', 'дейтұғын'];
/** Condemnation predicates ("is disgusting", «позор», «масқара»); stem prefixes, or `=word` for whole tokens. */
const CONDEMN = [
  // en
  'disgust',
  'unacceptab',
  '=wrong',
  'racis',
  'hateful',
  'ignoran',
  'shame',
  'bigot',
  'offensiv',
  'appall',
  'outrage',
  'vile',
  'xenophob',
  'dehumaniz',
  '=lie',
  '=lies',
  '=false',
  'nonsense',
  'despicab',
  'inexcusab',
  'inhuman',
  'hurtful',
  'harmful',
  'misguided',
  'absurd',
  'ridiculous',
  'bullshit',
  'propaganda',
  'pogrom',
  'asham',
  'cruel',
  '=unfair',
  // ru
  'недопустим',
  'позор',
  'стыдн',
  'стыд',
  '=ложь',
  'лживо',
  'отвратит',
  'мерзк',
  'мерзост',
  'расизм',
  'расист',
  'ксенофоб',
  'оскорбит',
  'неприемлем',
  'возмутит',
  'постыдн',
  'дискримин',
  'бесчелове',
  '=прекратите',
  '=хватит',
  '=бред',
  'чушь',
  'абсурд',
  'пропаганд',
  'погром',
  'вранье',
  'несправедлив',
  'бесит',
  // kk
  'масқара',
  '=ұят',
  'ұятсыз',
  'өтірік',
  'жала',
  'нәсілшіл',
  'жиіркенішті',
  'орынсыз',
  'кемсіт',
  'қорлау',
  'қорлық',
  'сандырақ',
  'әділетсіз',
  'ақымақтық',
  'арандату',
  'доғар',
  '=қойыңдар',
  '=қойыңыз',
  '=қойыңыздар',
];

/** Multi-word condemnation: "no place", "can't believe", «не место», «орны жоқ». */
const CONDEMN_PAIRS: [string, string][] = [
  ['no', 'place'],
  ["can't", 'believe'],
  ['cannot', 'believe'],
  ['не', 'место'],
  ['орны', 'жоқ'],
  ['not', 'okay'],
  ['not', 'ok'],
  ['not', 'acceptable'],
  ['sick', 'of'],
  ['tired', 'of'],
  ['fed', 'up'],
  ['бос', 'сөз'],
  ['stop', 'calling'],
  ['stop', 'saying'],
  ['quit', 'calling'],
];

const CONTRAST = new Set(['но', 'однако', 'but', 'however', 'yet', 'бірақ', 'алайда']);

const MEMO_LIMIT = 50_000;
const REFERS = 1;
const CONDEMNS = 2;
const PAIR_HEAD = 4;
const RELATIVE_WORD = 8;
const KK_SAYER = 16;
const pairTails = new Map<string, Set<string>>();
for (const [a, b] of CONDEMN_PAIRS) pairTails.set(a, (pairTails.get(a) ?? new Set()).add(b));
const memo = new Map<string, number>();

/** The roles a normalised word can play here (REFERS, CONDEMNS, …), memoised. */
function rolesOf(norm: string): number {
  let bits = memo.get(norm);
  if (bits !== undefined) return bits;
  bits =
    (listHas(REFERENCE, norm) ? REFERS : 0) |
    (listHas(CONDEMN, norm) ? CONDEMNS : 0) |
    (pairTails.has(norm) ? PAIR_HEAD : 0) |
    (RELATIVE.has(norm) ? RELATIVE_WORD : 0) |
    (KK_SAYERS.some((p) => norm.startsWith(p)) ? KK_SAYER : 0);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(norm, bits);
  return bits;
}

function listHas(list: string[], norm: string): boolean {
  for (const w of list) {
    if (w.charCodeAt(0) === 61) {
      if (norm === w.slice(1)) return true;
    } else if (norm.startsWith(w)) return true;
  }
  return false;
}

const refers = (norm: string) => (rolesOf(norm) & REFERS) !== 0;

function isCondemnation(tokens: AnalyzedToken[], k: number): boolean {
  const t = tokens[k];
  const bits = rolesOf(t.norm);
  if (bits & PAIR_HEAD) {
    const next = tokens[k + 1];
    if (next && next.sentence === t.sentence && pairTails.get(t.norm)?.has(next.norm)) return true;
  }
  return (bits & CONDEMNS) !== 0 && !t.quoted && !t.negated && !t.question;
}

/**
 * Token indices of quoted or referenced statements that a condemnation predicate in the same sentence rejects
 * ("Saying 'immigrants are vermin' is disgusting", «Фраза "все мигранты воры" — это ложь», «"Келімсектер" деу —
 * масқара»). The span covers the quoted tokens and the words after a reference marker, and stops at a contrast word
 * ("but", «но», «бірақ») following the predicate, so hate after it stays in the writer's own voice.
 *
 * @example
 * condemnedSpan(analyzeDetailed('Calling migrants vermin is disgusting.', 'en', false)).has(2); // true
 */
export function condemnedSpan(tokens: AnalyzedToken[]): Set<number> {
  return condemnedSpans(tokens).condemned;
}

/**
 * {@link condemnedSpan} plus the tokens after the contrast word that closes it (`ownVoice`): the writer's own words
 * again, even when the sentence opened with a reporting verb ("Calling them X is wrong, but they are X").
 *
 * @example
 * condemnedSpans(analyzeDetailed('Calling them rats is wrong, but they are rats.', 'en', false)).ownVoice.size; // 3
 */
export function condemnedSpans(tokens: AnalyzedToken[]): { condemned: Set<number>; ownVoice: Set<number> } {
  const condemned = new Set<number>();
  const ownVoice = new Set<number>();
  const sentences: [number, number][] = [];
  for (let start = 0; start < tokens.length; ) {
    let end = start;
    while (end < tokens.length && tokens[end].sentence === tokens[start].sentence) end++;
    sentences.push([start, end]);
    start = end;
  }
  sentences.forEach(([start, end], i) => {
    const next = sentences[i + 1];
    const stop = markSentence(tokens, start, end, condemned, !!next && opensWithCondemnation(tokens, next[0], next[1]));
    for (let k = stop + 1; k < end; k++) ownVoice.add(k);
  });
  return { condemned, ownVoice };
}

/** Tokens of a following sentence within which a verdict on the one before counts ("…" That is racist. / Это ложь.). */
const VERDICT_HEAD = 4;

/** The sentence opens with a condemnation predicate ("That's racist.", «Это ложь.», «Бұл — масқара.»). */
function opensWithCondemnation(tokens: AnalyzedToken[], from: number, to: number): boolean {
  for (let k = from; k < Math.min(to, from + VERDICT_HEAD); k++) {
    if (tokens[k].quoted) return false;
    if (isCondemnation(tokens, k)) return true;
  }
  return false;
}

/** Marks one sentence; returns the index of the contrast word that ends the span (or the sentence end). */
function markSentence(
  tokens: AnalyzedToken[],
  from: number,
  to: number,
  span: Set<number>,
  judgedNext: boolean,
): number {
  let predicate = -1;
  for (let k = from; k < to; k++)
    if (isCondemnation(tokens, k)) {
      predicate = k;
      break;
    }
  if (predicate < 0 && judgedNext) predicate = to;
  if (predicate < 0) {
    markRejectedQuote(tokens, from, to, span);
    markAttributed(tokens, from, to, span);
    return to;
  }
  let stop = to;
  for (let k = predicate + 1; k < to; k++)
    if (CONTRAST.has(tokens[k].norm)) {
      stop = k;
      break;
    }
  let referenced = false;
  for (let k = from; k < stop; k++) {
    const t = tokens[k];
    if (t.quoted) span.add(k);
    else if (referenced && k !== predicate) span.add(k);
    else if (!referenced && refers(t.norm)) referenced = true;
  }
  return stop;
}

/**
 * A quote rejected by negation: a negated reference ("not people shouting 'kick them all out'", «"бәрін қуу керек"
 * деген айқай емес») or a negated quoted label ("refugees aren't 'Taliban'", «беженцы — не "талибы"»).
 */
function markRejectedQuote(tokens: AnalyzedToken[], from: number, to: number, span: Set<number>): void {
  let rejected = false;
  for (let k = from; k < to && !rejected; k++) {
    const t = tokens[k];
    const opensQuote = t.quoted && (k === from || !tokens[k - 1].quoted);
    rejected = !t.question && t.negated && (opensQuote || (!t.quoted && refers(t.norm)));
  }
  if (!rejected) return;
  for (let k = from; k < to; k++) if (tokens[k].quoted) span.add(k);
}

const ATTRIBUTED_SPAN = 6;

/**
 * Words attributed to third parties by a relative clause of saying ("People who call migrants parasites…", «Те,
 * кто называет таджиков дикарями…», «…паразит дейтіндер»): the writer names the speakers, not the claim.
 */
function markAttributed(tokens: AnalyzedToken[], from: number, to: number, span: Set<number>): void {
  for (let k = from; k < to; k++) {
    const t = tokens[k];
    if (t.quoted || t.question) continue;
    const bits = rolesOf(t.norm);
    if (bits & KK_SAYER) {
      for (let j = Math.max(from, k - ATTRIBUTED_SPAN + 2); j < k; j++) span.add(j);
      continue;
    }
    if (!(bits & RELATIVE_WORD)) continue;
    for (let j = k + 1; j <= k + 2 && j < to; j++) {
      if (!refers(tokens[j].norm)) continue;
      for (let m = j + 1; m < Math.min(to, j + 1 + ATTRIBUTED_SPAN); m++) span.add(m);
      break;
    }
  }
}
