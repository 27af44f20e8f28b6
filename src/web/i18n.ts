import type { UiLang } from '../present/why.js';

export type { UiLang };

const en = {
  appName: 'Kuzet',
  tagline: 'Monitoring xenophobic language and migration-policy news in Central Asian media',
  search: 'Search',
  trends: 'Trends',
  sources: 'Sources',
  query: 'Query',
  queryHelp: 'Words, "phrases", prefix*, AND / OR / NOT, -exclude, (groups)',
  labels: 'Labels',
  label: { xenophobic: 'xenophobic', migration_policy: 'migration policy', counter_speech: 'counter-speech' } as Record<
    string,
    string
  >,
  minSeverity: 'Min. severity',
  any: 'any',
  target: 'Target group',
  source: 'Source',
  lang: 'Language',
  country: 'Country',
  from: 'From',
  to: 'To',
  sort: 'Sort',
  relevance: 'relevance',
  date: 'date',
  collapse: 'Near-duplicates',
  collapsed: 'one per cluster',
  expanded: 'show all',
  apply: 'Search',
  reset: 'Reset',
  results: (n: number) => `${n.toLocaleString('en')} results`,
  noResults: 'Nothing found. Try fewer words or filters.',
  next: 'Next page →',
  first: '← First page',
  export: 'Export',
  subscribe: 'Subscribe',
  facets: {
    label: 'Label',
    lang: 'Language',
    source: 'Source',
    target: 'Target',
    severity: 'Severity',
    country: 'Country',
  } as Record<string, string>,
  original: 'Original',
  severity: 'Severity',
  targets: 'Targets',
  sentiment: 'Sentiment toward migrants',
  classifier: 'Classifier version',
  published: 'Published',
  cluster: 'Near-duplicates of this item',
  noCluster: 'No near-duplicates.',
  evidence: 'Evidence',
  why: 'Why flagged',
  back: '← Back to search',
  interval: 'Interval',
  intervals: { day: 'day', week: 'week', month: 'month' } as Record<string, string>,
  split: 'Split by',
  none: 'none',
  show: 'Show',
  volume: 'Volume (distinct stories)',
  flaggedShare: 'Share flagged xenophobic',
  meanSentiment: 'Mean sentiment toward migrants',
  downloadCsv: 'Download CSV',
  spikeAlerts: 'Spike alerts',
  noData: 'No data for this selection.',
  sourceHealth: 'Source health',
  lastSuccess: 'Last success',
  lastAttempt: 'Last attempt',
  items: 'Items (new / found)',
  errors: 'Errors',
  lastError: 'Last error',
  status: 'Status',
  ok: 'ok',
  stale: 'stale',
  failing: 'failing',
  pending: 'not crawled yet',
  rejectedFiles: 'Rejected source files',
  rejectedHelp: 'These files were skipped when the sources were loaded; fix them and restart.',
  file: 'File',
  field: 'Field',
  never: 'never',
  disabled: 'disabled',
  error: 'Error',
  notFound: 'Not found',
  switchTo: 'Русский',
};

const ru: typeof en = {
  appName: 'Kuzet',
  tagline: 'Мониторинг ксенофобных высказываний и новостей миграционной политики в СМИ Центральной Азии',
  search: 'Поиск',
  trends: 'Динамика',
  sources: 'Источники',
  query: 'Запрос',
  queryHelp: 'Слова, "фразы", префикс*, AND / OR / NOT (И / ИЛИ / НЕ), -исключить, (группы)',
  labels: 'Метки',
  label: { xenophobic: 'ксенофобия', migration_policy: 'миграционная политика', counter_speech: 'контрречь' },
  minSeverity: 'Мин. уровень',
  any: 'любой',
  target: 'Целевая группа',
  source: 'Источник',
  lang: 'Язык',
  country: 'Страна',
  from: 'С',
  to: 'По',
  sort: 'Сортировка',
  relevance: 'по релевантности',
  date: 'по дате',
  collapse: 'Почти-дубликаты',
  collapsed: 'один на кластер',
  expanded: 'показать все',
  apply: 'Найти',
  reset: 'Сбросить',
  results: (n: number) => `Найдено: ${n.toLocaleString('ru')}`,
  noResults: 'Ничего не найдено. Попробуйте меньше слов или фильтров.',
  next: 'Следующая страница →',
  first: '← Первая страница',
  export: 'Экспорт',
  subscribe: 'Подписка',
  facets: {
    label: 'Метка',
    lang: 'Язык',
    source: 'Источник',
    target: 'Группа',
    severity: 'Уровень',
    country: 'Страна',
  },
  original: 'Оригинал',
  severity: 'Уровень',
  targets: 'Целевые группы',
  sentiment: 'Тональность к мигрантам',
  classifier: 'Версия классификатора',
  published: 'Опубликовано',
  cluster: 'Почти-дубликаты этого материала',
  noCluster: 'Почти-дубликатов нет.',
  evidence: 'Фрагменты',
  why: 'Почему отмечено',
  back: '← К поиску',
  interval: 'Интервал',
  intervals: { day: 'день', week: 'неделя', month: 'месяц' },
  split: 'Разбить по',
  none: 'нет',
  show: 'Показать',
  volume: 'Объём (уникальные сюжеты)',
  flaggedShare: 'Доля отмеченных как ксенофобные',
  meanSentiment: 'Средняя тональность к мигрантам',
  downloadCsv: 'Скачать CSV',
  spikeAlerts: 'Оповещения о всплесках',
  noData: 'Нет данных для этой выборки.',
  sourceHealth: 'Состояние источников',
  lastSuccess: 'Последний успех',
  lastAttempt: 'Последняя попытка',
  items: 'Материалы (новые / найдено)',
  errors: 'Ошибки',
  lastError: 'Последняя ошибка',
  status: 'Статус',
  ok: 'в порядке',
  stale: 'устарел',
  failing: 'сбои',
  pending: 'ещё не обходился',
  rejectedFiles: 'Отклонённые файлы источников',
  rejectedHelp: 'Эти файлы пропущены при загрузке источников; исправьте их и перезапустите.',
  file: 'Файл',
  field: 'Поле',
  never: 'никогда',
  disabled: 'отключён',
  error: 'Ошибка',
  notFound: 'Не найдено',
  switchTo: 'English',
};

export type Strings = typeof en;
const STRINGS: Record<UiLang, Strings> = { ru, en };

/** Interface strings in one language. */
export function strings(ui: UiLang): Strings {
  return STRINGS[ui];
}

/**
 * The interface language: `?ui=ru|en` wins, then the first of ru/kk/en in Accept-Language, else ru.
 *
 * @example
 * uiLang(new URL('http://x/?ui=en'), null) // 'en'
 * uiLang(new URL('http://x/'), 'en-GB,en;q=0.9') // 'en'
 */
export function uiLang(url: URL, acceptLanguage: string | null | undefined): UiLang {
  const asked = url.searchParams.get('ui');
  if (asked === 'ru' || asked === 'en') return asked;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? 1,
      );
      return { base: tag.split('-')[0], q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { base } of ranked) {
    if (base === 'en') return 'en';
    if (base === 'ru' || base === 'kk') return 'ru';
  }
  return 'ru';
}
