import type { Classification } from '../domain.js';

export type UiLang = 'ru' | 'en';

const WORDS = {
  en: {
    flagged: 'Flagged',
    notFlagged: 'Not flagged',
    unclassified: 'Not classified yet',
    xenophobic: 'xenophobic',
    migration_policy: 'migration policy',
    counter_speech: 'counter-speech',
    severity: 'severity',
    levels: [
      'none',
      'derogatory or stereotyping',
      'dehumanising or collective blame',
      'calls for violence or expulsion',
    ],
  },
  ru: {
    flagged: 'Отмечено как',
    notFlagged: 'Не отмечено',
    unclassified: 'Ещё не классифицировано',
    xenophobic: 'ксенофобия',
    migration_policy: 'миграционная политика',
    counter_speech: 'контрречь',
    severity: 'уровень',
    levels: [
      'нет',
      'уничижение или стереотипы',
      'расчеловечивание или коллективная вина',
      'призывы к насилию или изгнанию',
    ],
  },
} as const;

/** Lexicon categories in words, per interface language; unknown categories are shown as they are. */
const CATEGORY_NAMES: Record<UiLang, Record<string, string>> = {
  en: {
    violence: 'call for violence',
    expulsion: 'exclusion call',
    slur: 'slur',
    dehumanizing: 'dehumanising',
    blame: 'collective blame',
    hostile: 'hostile',
    derogatory: 'derogatory',
    denial: '"not racist, but"',
    negative: 'negative',
    policy: 'migration policy',
    labour: 'labour migration',
    counter: 'counter-speech',
    positive: 'positive',
    endorse: 'endorsement',
  },
  ru: {
    violence: 'призыв к насилию',
    expulsion: 'призыв к изгнанию',
    slur: 'оскорбление',
    dehumanizing: 'расчеловечивание',
    blame: 'коллективная вина',
    hostile: 'враждебность',
    derogatory: 'уничижение',
    denial: '«я не расист, но»',
    negative: 'негатив',
    policy: 'миграционная политика',
    labour: 'трудовая миграция',
    counter: 'контрречь',
    positive: 'позитив',
    endorse: 'одобрение',
  },
};

const categoryName = (category: string, ui: UiLang) => CATEGORY_NAMES[ui][category] ?? category.replaceAll('_', ' ');

/** Lexicon categories that give context (who is talked about, reported speech) rather than a reason. */
const CONTEXT = new Set(['target', 'reporting', 'self', 'sense', 'collective']);
const ORDER = [
  'violence',
  'expulsion',
  'slur',
  'dehumanizing',
  'blame',
  'hostile',
  'derogatory',
  'denial',
  'negative',
  'policy',
  'labour',
  'counter',
  'positive',
];
const rank = (category: string) => {
  const i = ORDER.indexOf(category);
  return i < 0 ? ORDER.length : i;
};

/** Severity 0..3 described in words. */
export function severityText(severity: number, ui: UiLang = 'en'): string {
  return WORDS[ui].levels[severity] ?? String(severity);
}

/**
 * One plain-text line saying why an article was flagged, quoting up to five distinct evidence spans,
 * strongest categories first (context-only spans such as the target group are left out).
 *
 * @example
 * whyFlagged(classification)
 * // 'Flagged xenophobic (severity 2: dehumanising or collective blame): «саранча» (dehumanising), «выгнать» (exclusion call)'
 */
export function whyFlagged(c: Classification | null, ui: UiLang = 'en'): string {
  const w = WORDS[ui];
  if (!c) return w.unclassified;
  const labels: string[] = [];
  if (c.xenophobic) labels.push(`${w.xenophobic} (${w.severity} ${c.severity}: ${severityText(c.severity, ui)})`);
  if (c.migration_policy) labels.push(w.migration_policy);
  if (c.counter_speech) labels.push(w.counter_speech);
  if (labels.length === 0) return w.notFlagged;
  const seen = new Set<string>();
  const quotes: string[] = [];
  const evidence = c.evidence
    .filter((e) => !CONTEXT.has(e.category))
    .sort((a, b) => rank(a.category) - rank(b.category));
  for (const e of evidence) {
    const key = `${e.text.toLowerCase()}|${e.category}`;
    if (seen.has(key) || quotes.length >= 5) continue;
    seen.add(key);
    quotes.push(`«${e.text.replace(/\s+/g, ' ').trim()}» (${categoryName(e.category, ui)})`);
  }
  return `${w.flagged} ${labels.join(', ')}${quotes.length ? `: ${quotes.join(', ')}` : ''}`;
}

/** The labels an article carries, in LABELS order. */
export function labelsOf(c: Classification | null): Array<'xenophobic' | 'migration_policy' | 'counter_speech'> {
  if (!c) return [];
  const out: Array<'xenophobic' | 'migration_policy' | 'counter_speech'> = [];
  if (c.xenophobic) out.push('xenophobic');
  if (c.migration_policy) out.push('migration_policy');
  if (c.counter_speech) out.push('counter_speech');
  return out;
}
