import type { Lang } from '../../domain.js';

/** Word lists for synthetic articles: filler vocabulary, plus phrases that carry each label. */
export interface Vocabulary {
  filler: string[];
  /** Filler words about migration: placed at mid ranks of the Zipf vocabulary, not at its head. */
  topical: string[];
  xenophobic: Array<[string, string]>;
  policy: Array<[string, string]>;
  counter: Array<[string, string]>;
}

export const VOCABULARY: Partial<Record<Lang, Vocabulary>> = {
  ru: {
    filler: (
      'город область правительство министр рынок работа цены жители строительство дорога школа больница экономика ' +
      'бюджет закон депутат суд полиция погода транспорт аким район заявил сообщил отметил неделя год ' +
      'компания завод урожай фермер налог банк кредит тенге доллар рост снижение проект программа граждане ' +
      'мигранты мигрантов трудовые рабочие граница патент регистрация Казахстан Алматы Астана Шымкент Россия Узбекистан'
    ).split(' '),
    topical: 'мигранты мигрантов трудовые рабочие граница патент регистрация'.split(' '),
    xenophobic: [
      ['саранча', 'dehumanising'],
      ['выгнать их', 'exclusion_call'],
      ['понаехавшие', 'derogatory'],
      ['чурки', 'slur'],
      ['паразиты', 'dehumanising'],
      ['депортировать всех', 'exclusion_call'],
    ],
    policy: [
      ['квота на иностранную рабочую силу', 'policy_quota'],
      ['миграционный режим', 'policy_law'],
      ['разрешение на работу', 'policy_permits'],
      ['депортация нарушителей', 'policy_enforcement'],
    ],
    counter: [
      ['вклад мигрантов в экономику', 'counter_fact'],
      ['недопустимо разжигать вражду', 'counter_norm'],
    ],
  },
  kk: {
    filler: (
      'қала облыс үкімет министр нарық жұмыс баға тұрғындар құрылыс жол мектеп аурухана экономика бюджет заң ' +
      'депутат сот полиция ауа райы көлік әкім аудан мәлімдеді хабарлады апта жыл компания зауыт егін ' +
      'салық банк несие теңге өсу жоба бағдарлама азаматтар мигранттар еңбек шекара Қазақстан Алматы Астана'
    ).split(' '),
    topical: 'мигранттар еңбек шекара'.split(' '),
    xenophobic: [
      ['елден қуу керек', 'exclusion_call'],
      ['келімсектер', 'derogatory'],
      ['шегірткедей', 'dehumanising'],
    ],
    policy: [
      ['көші-қон заңы', 'policy_law'],
      ['шетелдік жұмыс күшіне квота', 'policy_quota'],
    ],
    counter: [['мигранттардың экономикаға үлесі', 'counter_fact']],
  },
  en: {
    filler: (
      'city region government minister market work prices residents construction road school hospital economy ' +
      'budget law deputy court police weather transport district said reported week year company plant harvest ' +
      'tax bank loan growth project programme citizens migrants labour border permit Kazakhstan Almaty Astana'
    ).split(' '),
    topical: 'migrants labour border permit'.split(' '),
    xenophobic: [
      ['parasites', 'dehumanising'],
      ['deport them all', 'exclusion_call'],
      ['invaders', 'dehumanising'],
    ],
    policy: [
      ['work permit quota', 'policy_quota'],
      ['migration law', 'policy_law'],
    ],
    counter: [['migrants contribute to the economy', 'counter_fact']],
  },
};

export const TARGETS = ['central_asian', 'chinese', 'refugees', 'labour_migrants'];
