import { beforeAll, describe, expect, it } from 'vitest';
import { type Classifier, loadClassifier } from '../../src/classify/index.js';
import type { Lang } from '../../src/domain.js';

let clf: Classifier;
beforeAll(async () => {
  clf = await loadClassifier();
});

interface Case {
  kind: string;
  lang: Lang;
  text: string;
  xenophobic: boolean;
  policy?: boolean;
}

const CASES: Case[] = [
  {
    kind: 'counter-speech quoting a slur',
    lang: 'ru',
    xenophobic: false,
    text: 'Суд оштрафовал жителя Караганды, который кричал «чурки, вон» продавцам рынка.',
  },
  {
    kind: 'counter-speech quoting a slur',
    lang: 'kk',
    xenophobic: false,
    text: 'Сот базардағы саудагерлерді «келімсектер» деп қорлаған тұрғынға айыппұл салды.',
  },
  {
    kind: 'counter-speech quoting a slur',
    lang: 'en',
    xenophobic: false,
    text: 'The court fined a man who shouted "churka" at a bus driver; the judge called it a hate crime.',
  },
  {
    kind: 'self-irony',
    lang: 'ru',
    xenophobic: false,
    text: 'Мы, таджики, можем за день положить плитку во всём подъезде, ахаха, только не торопите 😂',
  },
  {
    kind: 'self-irony',
    lang: 'kk',
    xenophobic: false,
    text: 'Біз, өзбектер, бір күнде бүкіл пәтерді жөндей аламыз, хаха, тек асықтырмаңыздар 😂',
  },
  {
    kind: 'self-irony',
    lang: 'en',
    xenophobic: false,
    text: 'As an immigrant I have mastered one skill: explaining my name to every barista in town, lol.',
  },
  {
    kind: 'polysemy, neutral',
    lang: 'ru',
    xenophobic: false,
    text: 'Саранча съела посевы пшеницы на полях фермеров Алматинской области.',
  },
  {
    kind: 'polysemy, neutral',
    lang: 'kk',
    xenophobic: false,
    text: 'Көктемгі су тасқыны ауылдағы үйлерді басып кетті, тұрғындар көшірілді.',
  },
  {
    kind: 'polysemy, neutral',
    lang: 'en',
    xenophobic: false,
    text: 'We finished the database migration to the new server overnight without data loss.',
  },
  {
    kind: 'polysemy, hateful',
    lang: 'ru',
    xenophobic: true,
    text: 'Мигранты как саранча, заполонили весь наш район, скоро нас не останется.',
  },
  {
    kind: 'polysemy, hateful',
    lang: 'kk',
    xenophobic: true,
    text: 'Мигранттар шегіртке сияқты қаптап кетті, бәрін жеп жатыр.',
  },
  {
    kind: 'polysemy, hateful',
    lang: 'en',
    xenophobic: true,
    text: 'Migrants are a plague of locusts swarming our towns.',
  },
  {
    kind: 'negation',
    lang: 'ru',
    xenophobic: false,
    text: 'Мигранты не преступники и не паразиты, это обычные работники.',
  },
  {
    kind: 'negation',
    lang: 'kk',
    xenophobic: false,
    text: 'Мигранттар қылмыскер емес, олар адал еңбек ететін адамдар.',
  },
  {
    kind: 'negation',
    lang: 'en',
    xenophobic: false,
    text: 'Immigrants are not criminals, and calling them vermin is wrong.',
  },
  {
    kind: 'question, innocent',
    lang: 'ru',
    xenophobic: false,
    text: 'Как оформить патент мигранту в Алматы и сколько это стоит?',
  },
  {
    kind: 'question, innocent',
    lang: 'kk',
    xenophobic: false,
    text: 'Мигрант Алматыда патентті қалай рәсімдейді және ол қанша тұрады?',
  },
  {
    kind: 'question, innocent',
    lang: 'en',
    xenophobic: false,
    text: 'How does a migrant worker register a residence address in Almaty?',
  },
  {
    kind: 'reported speech, neutral',
    lang: 'ru',
    xenophobic: false,
    text: 'Омбудсмен осудил высказывание блогера, назвавшего мигрантов «паразитами», и направил обращение в прокуратуру.',
  },
  {
    kind: 'reported speech, neutral',
    lang: 'kk',
    xenophobic: false,
    text: 'Омбудсмен мигранттарды «паразиттер» деп атаған блогердің сөзін айыптап, прокуратураға жүгінді.',
  },
  {
    kind: 'reported speech, neutral',
    lang: 'en',
    xenophobic: false,
    text: 'The ombudsman condemned a blogger who called migrants "parasites" and asked prosecutors to review the post.',
  },
  {
    kind: 'reported speech, endorsed',
    lang: 'ru',
    xenophobic: true,
    text: 'Депутат правильно сказал: мигранты — паразиты, полностью поддерживаю.',
  },
  {
    kind: 'reported speech, endorsed',
    lang: 'kk',
    xenophobic: true,
    text: 'Депутат дұрыс айтты: мигранттар — паразиттер, толық қолдаймын.',
  },
  {
    kind: 'reported speech, endorsed',
    lang: 'en',
    xenophobic: true,
    text: 'The MP was right: migrants are parasites. I fully agree.',
  },
  {
    kind: 'restrictive policy opinion',
    lang: 'ru',
    xenophobic: false,
    policy: true,
    text: 'Считаю, что квоты на иностранную рабочую силу нужно сократить и ужесточить выдачу патентов.',
  },
  {
    kind: 'restrictive policy opinion',
    lang: 'kk',
    xenophobic: false,
    policy: true,
    text: 'Менің ойымша, шетелдік жұмыс күшіне квотаны азайту керек.',
  },
  {
    kind: 'restrictive policy opinion',
    lang: 'en',
    xenophobic: false,
    policy: true,
    text: 'I think the quota for foreign workers should be cut and work permit rules tightened.',
  },
  {
    kind: 'collective blame',
    lang: 'ru',
    xenophobic: true,
    text: 'Все мигранты — воры и преступники, у них это в крови.',
  },
  {
    kind: 'collective blame',
    lang: 'kk',
    xenophobic: true,
    text: 'Мигранттардың бәрі ұры және қылмыскер, қандарында бар.',
  },
  {
    kind: 'collective blame',
    lang: 'en',
    xenophobic: true,
    text: 'All immigrants are criminals, it is in their blood.',
  },
  { kind: 'collective blame, denial form', lang: 'ru', xenophobic: true, text: 'Я не расист, но все таджики — воры.' },
  {
    kind: 'collective blame, denial form',
    lang: 'kk',
    xenophobic: true,
    text: 'Ұлтшыл емеспін, бірақ мигранттардың бәрі ұры.',
  },
  {
    kind: 'collective blame, denial form',
    lang: 'en',
    xenophobic: true,
    text: "I'm not racist, but all migrants are thieves.",
  },
  {
    kind: 'call for violence',
    lang: 'ru',
    xenophobic: true,
    text: 'Мигрантов надо гнать поганой метлой, всех до одного.',
  },
  { kind: 'call for violence', lang: 'kk', xenophobic: true, text: 'Келімсектерді елден қуу керек, бірін қалдырмай.' },
  {
    kind: 'call for violence',
    lang: 'en',
    xenophobic: true,
    text: 'Immigrants should be deported, every last one of them.',
  },
  { kind: 'obfuscation', lang: 'ru', xenophobic: true, text: 'Ч у р к и опять весь двор засрали, мрази.' },
  { kind: 'obfuscation', lang: 'kk', xenophobic: true, text: 'К3лімсектер бәрін басып алды, кетсін!' },
  { kind: 'obfuscation', lang: 'en', xenophobic: true, text: 'I h8te 1mm1grants, send them all back.' },
  { kind: 'slur', lang: 'ru', xenophobic: true, text: 'Понаехавшие чурки заняли весь рынок.' },
  { kind: 'slur', lang: 'kk', xenophobic: true, text: 'Келімсектер тағы подъезде шулап отыр.' },
  { kind: 'slur', lang: 'en', xenophobic: true, text: 'Wetbacks and illegals everywhere, disgusting.' },
];

describe('hard cases in ru, kk and en', () => {
  it.each(CASES.map((c) => [c.lang, c.kind, c] as const))('%s · %s', (_lang, _kind, c) => {
    const out = clf.classify(c.text, c.lang);
    expect(out.xenophobic).toBe(c.xenophobic);
    if (c.policy !== undefined) expect(out.migration_policy).toBe(c.policy);
  });
  it('gives endorsed hate the severity of the endorsed words', () => {
    expect(
      clf.classify('Депутат правильно сказал: мигрантов надо выгнать всех до одного, поддерживаю.', 'ru').severity,
    ).toBe(3);
  });
  it('keeps quoted slurs in court reports out of the xenophobic label but in the evidence', () => {
    const text = 'Суд оштрафовал жителя Караганды, который кричал «чурки, вон» продавцам рынка.';
    const out = clf.classify(text, 'ru');
    expect(out.xenophobic).toBe(false);
    expect(out.evidence.some((e) => e.category === 'slur')).toBe(true);
  });
});
