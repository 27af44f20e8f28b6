import type { UiLang } from '../present/why.js';

export type { UiLang };

const en = {
  /** The interface language, for Intl names of countries. */
  ui: 'en' as UiLang,
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
  review: 'Review',
  signIn: 'Sign in',
  signOut: 'Sign out',
  userName: 'User name',
  password: 'Password',
  signedInAs: 'Signed in as',
  wrongPassword: 'Wrong user name or password, or the account is disabled.',
  tooManyAttempts: (s: number) => `Too many failed attempts. Try again in ${Math.ceil(s / 60)} min.`,
  sessionExpired: 'Your session has expired. Sign in again.',
  forbidden: 'Not allowed',
  humanVerdict: 'Human verdict',
  machineVerdict: 'Classifier',
  reviews: 'Reviews',
  noReviews: 'Not reviewed yet.',
  reviewers: (n: number) => `${n} reviewer${n === 1 ? '' : 's'}`,
  disputed: 'reviewers disagree',
  corrected: 'corrects the classifier',
  confirmed: 'confirms the classifier',
  yourReview: 'Your review',
  reviewHelp: 'Confirm or correct each label, the severity and the target groups the classifier gave.',
  targetsHelp: 'Comma-separated, e.g. tajik, central_asian, migrants',
  note: 'Note',
  saveReview: 'Save review',
  saved: 'Review saved.',
  against: 'against',
  reviewed: 'Reviewed',
  reviewedYes: 'reviewed',
  reviewedNo: 'not reviewed',
  disagreement: 'Disagreement',
  disagreementKinds: {
    any: 'any',
    classifier: 'with the classifier',
    reviewers: 'between reviewers',
  } as Record<string, string>,
  reviewQueue: 'Review queue',
  queueHelp:
    'Most useful first: items where reviewers disagree, scores near the thresholds, a second opinion for agreement, and a random sample of the whole stream.',
  queueEmpty: 'Nothing left to review for this selection.',
  reviewNext: 'Review the next item',
  reasons: {
    disagreement: 'reviewers disagree',
    near_threshold: 'score near the threshold',
    second_opinion: 'second opinion',
    stream_sample: 'random stream sample',
    assigned: 'assigned to you',
  } as Record<string, string>,
  stats: 'Agreement',
  statsTitle: 'Reviewer agreement',
  statsHelp:
    'Reviewer against classifier on reviewed items; reviewer against reviewer (Cohen’s κ) on items reviewed twice; and the random stream sample as an estimate for the whole stream.',
  precision: 'Precision',
  recall: 'Recall',
  f1: 'F1',
  kappa: 'κ',
  pairs: 'Pairs',
  count: 'Reviewed',
  label2: 'Label',
  streamEstimate: 'Estimate on the whole stream (random sample, 95% interval)',
  sampled: 'Sampled',
  notEnough: 'not enough reviews yet',
  deletedFilter: 'Deleted at source',
  deletedOnly: 'only deleted',
  notDeleted: 'not deleted',
  deletedOn: (date: string, reason: string) =>
    `Deleted on ${date} (${reason}). The text and captures below are as they were.`,
  editedOn: (date: string) => `Edited on ${date}; earlier versions are kept below.`,
  versions: 'Earlier versions',
  versionSpan: (from: string, to: string) => `fetched ${from}, replaced ${to}`,
  captures: 'Captured pages',
  noCaptures: 'No capture of this item was kept.',
  viewCapture: 'view as text',
  downloadWarc: 'Download WARC',
  extractor: 'Extractor version',
  capture: 'Captured page',
  captureNote: 'The page exactly as it was served, shown as text: nothing in it runs.',
  captureMissing: 'The body of this capture is no longer kept.',
  requested: 'Requested',
  finalUrl: 'Final URL',
  fetchedAt: 'Fetched',
  headers: 'Headers',
  download: 'Download the raw body',
  language: 'Interface language',
  langs: {
    ru: 'Russian',
    kk: 'Kazakh',
    en: 'English',
    uz: 'Uzbek',
    ky: 'Kyrgyz',
    tg: 'Tajik',
    und: 'unknown',
  } as Record<string, string>,
  groups: {
    migrants: 'migrants',
    central_asian: 'Central Asians',
    chinese: 'Chinese',
    uzbek: 'Uzbeks',
    tajik: 'Tajiks',
    kyrgyz: 'Kyrgyz',
    caucasian: 'Caucasians',
    african: 'Africans',
    afghan: 'Afghans',
    pakistani: 'Pakistanis',
    refugees: 'refugees',
  } as Record<string, string>,
  all: 'all coverage',
  figures: 'The figures (table)',
  bucket: 'Period',
  series: 'Series',
  stories: 'stories',
  flagged: 'flagged',
  share: 'share flagged',
  spike: 'spike',
  spikeNote: 'Shaded periods are spikes: far more flagged stories than in the 14 periods before.',
  weekOf: 'week of',
  hoverHelp: 'Hover over a chart for the figures of a period.',
  demo: 'Demo data: every story here is invented.',
  kinds: { news: 'news site', telegram: 'Telegram channel' } as Record<string, string>,
  item: 'Item',
};

const ru: typeof en = {
  ui: 'ru',
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
  review: 'Проверка',
  signIn: 'Войти',
  signOut: 'Выйти',
  userName: 'Имя пользователя',
  password: 'Пароль',
  signedInAs: 'Вы вошли как',
  wrongPassword: 'Неверное имя или пароль, либо учётная запись отключена.',
  tooManyAttempts: (s: number) => `Слишком много неудачных попыток. Повторите через ${Math.ceil(s / 60)} мин.`,
  sessionExpired: 'Сеанс истёк. Войдите снова.',
  forbidden: 'Нет доступа',
  humanVerdict: 'Решение проверяющих',
  machineVerdict: 'Классификатор',
  reviews: 'Проверки',
  noReviews: 'Ещё не проверено.',
  reviewers: (n: number) => `проверяющих: ${n}`,
  disputed: 'проверяющие расходятся',
  corrected: 'исправляет классификатор',
  confirmed: 'подтверждает классификатор',
  yourReview: 'Ваша проверка',
  reviewHelp: 'Подтвердите или исправьте каждую метку, уровень и целевые группы, которые дал классификатор.',
  targetsHelp: 'Через запятую, например: tajik, central_asian, migrants',
  note: 'Примечание',
  saveReview: 'Сохранить проверку',
  saved: 'Проверка сохранена.',
  against: 'для версии',
  reviewed: 'Проверено',
  reviewedYes: 'проверено',
  reviewedNo: 'не проверено',
  disagreement: 'Расхождение',
  disagreementKinds: { any: 'любое', classifier: 'с классификатором', reviewers: 'между проверяющими' },
  reviewQueue: 'Очередь проверки',
  queueHelp:
    'Сначала самое полезное: материалы, где проверяющие расходятся, оценки у порога, второе мнение для согласованности и случайная выборка всего потока.',
  queueEmpty: 'Для этой выборки проверять больше нечего.',
  reviewNext: 'Проверить следующий',
  reasons: {
    disagreement: 'проверяющие расходятся',
    near_threshold: 'оценка у порога',
    second_opinion: 'второе мнение',
    stream_sample: 'случайная выборка потока',
    assigned: 'назначено вам',
  },
  stats: 'Согласие',
  statsTitle: 'Согласие проверяющих',
  statsHelp:
    'Проверяющий против классификатора на проверенных материалах; проверяющий против проверяющего (κ Коэна) на материалах с двумя проверками; случайная выборка потока как оценка для всего потока.',
  precision: 'Точность',
  recall: 'Полнота',
  f1: 'F1',
  kappa: 'κ',
  pairs: 'Пары',
  count: 'Проверено',
  label2: 'Метка',
  streamEstimate: 'Оценка на всём потоке (случайная выборка, 95% интервал)',
  sampled: 'В выборке',
  notEnough: 'пока мало проверок',
  deletedFilter: 'Удалено в источнике',
  deletedOnly: 'только удалённые',
  notDeleted: 'не удалённые',
  deletedOn: (date: string, reason: string) =>
    `Удалено ${date} (${reason}). Текст и копии страниц ниже сохранены в прежнем виде.`,
  editedOn: (date: string) => `Изменено ${date}; прежние версии сохранены ниже.`,
  versions: 'Прежние версии',
  versionSpan: (from: string, to: string) => `получено ${from}, заменено ${to}`,
  captures: 'Сохранённые страницы',
  noCaptures: 'Копия страницы этого материала не сохранялась.',
  viewCapture: 'показать как текст',
  downloadWarc: 'Скачать WARC',
  extractor: 'Версия экстрактора',
  capture: 'Сохранённая страница',
  captureNote: 'Страница в точности как её отдал сервер, показана как текст: ничего из неё не выполняется.',
  captureMissing: 'Содержимое этой копии больше не хранится.',
  requested: 'Запрошено',
  finalUrl: 'Конечный URL',
  fetchedAt: 'Получено',
  headers: 'Заголовки',
  download: 'Скачать исходные байты',
  language: 'Язык интерфейса',
  langs: {
    ru: 'русский',
    kk: 'казахский',
    en: 'английский',
    uz: 'узбекский',
    ky: 'киргизский',
    tg: 'таджикский',
    und: 'не определён',
  },
  groups: {
    migrants: 'мигранты',
    central_asian: 'выходцы из Центральной Азии',
    chinese: 'китайцы',
    uzbek: 'узбеки',
    tajik: 'таджики',
    kyrgyz: 'кыргызы',
    caucasian: 'выходцы с Кавказа',
    african: 'африканцы',
    afghan: 'афганцы',
    pakistani: 'пакистанцы',
    refugees: 'беженцы',
  },
  all: 'все материалы',
  figures: 'Те же цифры таблицей',
  bucket: 'Период',
  series: 'Ряд',
  stories: 'материалов',
  flagged: 'отмечено',
  share: 'доля отмеченных',
  spike: 'всплеск',
  spikeNote: 'Затенены всплески: отмеченных материалов намного больше, чем за 14 предыдущих периодов.',
  weekOf: 'неделя с',
  hoverHelp: 'Наведите курсор на график, чтобы увидеть цифры за период.',
  demo: 'Демонстрационные данные: все материалы вымышлены.',
  kinds: { news: 'новостной сайт', telegram: 'Telegram-канал' },
  item: 'Материал',
};

export type Strings = typeof en;

/**
 * A facet or series key in words: labels, languages and target groups translated, sources by name, anything
 * unknown as it is.
 *
 * @example
 * keyName(strings('ru'), 'target', 'central_asian') // 'выходцы из Центральной Азии'
 */
export function keyName(t: Strings, kind: string, key: string, sourceNames?: Map<string, string>): string {
  if (kind === 'label') return t.label[key] ?? key;
  if (kind === 'lang') return t.langs[key] ?? key;
  if (kind === 'target') return t.groups[key] ?? key.replaceAll('_', ' ');
  if (kind === 'source') return sourceNames?.get(key) ?? key;
  if (kind === 'severity') return `≥ ${key}`;
  if (kind === 'country') return countryName(key, t.ui);
  if (key === 'all') return t.all;
  return key;
}

/**
 * A date or datetime as people write it in the interface language (UTC).
 *
 * @example
 * localDate('2024-05-03T23:30:00Z', 'ru', true) // '3 мая 2024 г., 23:30 UTC'
 */
export function localDate(iso: string | null, ui: UiLang, withTime = false): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const date = new Intl.DateTimeFormat(ui, { dateStyle: 'long', timeZone: 'UTC' }).format(d);
  if (!withTime || iso.length <= 10) return date;
  return `${date}, ${new Intl.DateTimeFormat(ui, { timeStyle: 'short', timeZone: 'UTC', hourCycle: 'h23' }).format(d)} UTC`;
}

/** A country's name in the interface language, or its code when Intl does not know it. */
export function countryName(code: string, ui: UiLang): string {
  try {
    return new Intl.DisplayNames([ui], { type: 'region' }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** The form label of each URL parameter, in the interface language (errors and feed titles name filters so). */
export function paramName(t: Strings, param: string): string {
  const names: Record<string, string> = {
    q: t.query,
    label: t.labels,
    labels: t.labels,
    min_severity: t.minSeverity,
    target: t.target,
    source: t.source,
    lang: t.lang,
    country: t.country,
    from: t.from,
    to: t.to,
    sort: t.sort,
    collapse: t.collapse,
    interval: t.interval,
    split: t.split,
    deleted: t.deletedFilter,
    id: t.item,
  };
  return names[param] ?? param;
}

const STRINGS: Record<UiLang, Strings> = { ru, en };

/** Interface strings in one language. */
export function strings(ui: UiLang): Strings {
  return STRINGS[ui];
}

/** The cookie that remembers the interface language chosen with `?ui=` or the switch. */
export const UI_COOKIE = 'kuzet_ui';

const isUi = (v: string | null | undefined): v is UiLang => v === 'ru' || v === 'en';

/**
 * The interface language: `?ui=ru|en` wins (the language switch sets it, and the page remembers it in the
 * `kuzet_ui` cookie), then that cookie, then the first of ru/kk/en in the browser's Accept-Language, else Russian.
 *
 * @example
 * uiLang(new URL('http://x/?ui=en'), null) // 'en'
 * uiLang(new URL('http://x/'), 'en-GB,en;q=0.9') // 'en'
 * uiLang(new URL('http://x/'), 'en-GB', 'ru') // 'ru'
 */
export function uiLang(url: URL, acceptLanguage: string | null | undefined, cookie?: string | null): UiLang {
  const asked = url.searchParams.get('ui');
  if (isUi(asked)) return asked;
  if (isUi(cookie)) return cookie;
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
