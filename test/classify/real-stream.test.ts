// The classifier on realistic input: ordinary news (with reporting verbs, ministries and courts), non-migrant
// toxicity, long articles with one relevant passage or none, and padding — in Russian, Kazakh and English.
import { beforeAll, describe, expect, it } from 'vitest';
import { type Classifier, loadClassifier } from '../../src/classify/index.js';
import type { Classification, Lang } from '../../src/domain.js';

let clf: Classifier;
beforeAll(async () => {
  clf = await loadClassifier();
});

const LANGS: Lang[] = ['ru', 'kk', 'en'];

/** Ordinary news paragraphs, full of the words that used to pass for policy news or counter-speech. */
const NEWS: Record<string, string[]> = {
  ru: [
    'Астанинский «Астана» обыграл «Кайрат» в финале Кубка Казахстана со счётом 2:1. По словам главного тренера, команда провела лучший матч сезона. Победный мяч на 87-й минуте забил узбекский полузащитник клуба, сообщили в пресс-службе.',
    'Национальный банк сохранил базовую ставку на уровне 16,25%. Как заявил председатель Нацбанка на брифинге, инфляция замедляется, но риски остаются. В Министерстве национальной экономики сказали, что бюджет на следующий год будет пересмотрен.',
    'Apple представила новые ноутбуки MacBook Pro с процессорами M5. По данным компании, время работы от батареи выросло до 24 часов. Продажи в Казахстане начнутся в декабре, сообщил официальный дистрибьютор.',
    'Специализированный межрайонный суд Алматы приговорил бывшего акима района к семи годам лишения свободы за взятку. Прокурор в прениях заявил, что вина подсудимого полностью доказана, сообщает пресс-служба Верховного суда.',
    'Синоптики Казгидромета прогнозируют снег и гололёд на севере страны. В МЧС сообщили, что на трассе Астана — Петропавловск ограничено движение автобусов. Жителей просят без необходимости не выезжать за город.',
  ],
  kk: [
    '«Астана» Қазақстан кубогының финалында «Қайратты» 2:1 есебімен жеңді. Бас бапкердің айтуынша, команда маусымның ең жақсы ойынын көрсетті. Жеңіс голын 87-минутта клубтың өзбек жартылай қорғаушысы соқты, деп хабарлады баспасөз қызметі.',
    'Ұлттық банк базалық мөлшерлемені 16,25% деңгейінде сақтады. Ұлттық банк төрағасының брифингте мәлімдеуінше, инфляция баяулап келеді. Ұлттық экономика министрлігі келесі жылғы бюджет қайта қаралатынын айтты.',
    'Apple M5 процессоры бар жаңа MacBook Pro ноутбуктерін таныстырды. Компанияның мәліметінше, батареяның жұмыс уақыты 24 сағатқа дейін ұзарды. Қазақстанда сату желтоқсанда басталады, деп хабарлады ресми дистрибьютор.',
    'Алматы қаласының мамандандырылған ауданаралық соты бұрынғы аудан әкімін пара алғаны үшін жеті жылға бас бостандығынан айырды. Прокурор сотталушының кінәсі толық дәлелденгенін мәлімдеді.',
    'Қазгидромет синоптиктері елдің солтүстігінде қар мен көктайғақ болатынын болжап отыр. ТЖМ мәліметінше, Астана — Петропавл тасжолында автобустар қозғалысы шектелді.',
  ],
  en: [
    "Astana beat Kairat 2-1 in the Kazakhstan Cup final on Sunday. According to the head coach, the team played its best match of the season. The winner came in the 87th minute from the club's Uzbek midfielder, the press service said.",
    "The National Bank kept its base rate at 16.25%, the chairman told a briefing, saying inflation was slowing but risks remained. The Ministry of National Economy said next year's budget would be revised.",
    'Apple unveiled new MacBook Pro laptops with M5 chips. Battery life has grown to 24 hours, the company said. Sales in Kazakhstan will start in December, according to the official distributor.',
    "A specialised inter-district court in Almaty sentenced a former district akim to seven years in prison for bribery. The prosecutor said the defendant's guilt had been fully proven, the Supreme Court's press service reported.",
    'Forecasters at Kazhydromet expect snow and black ice in the north of the country. The emergencies ministry said bus traffic on the Astana-Petropavlovsk highway had been restricted.',
  ],
};

const PASSAGES: Record<string, { hate: string; policy: string; counter: string; toxic: string; titled: string }> = {
  ru: {
    hate: 'Мигранты в нашем районе — это грязная саранча, гнать их всех из страны, пока не поздно.',
    policy:
      'Правительство утвердило квоту на привлечение иностранной рабочей силы на 2027 год: 29 тысяч разрешений на работу, из них 40% для строительства. Трудовые мигранты смогут продлить патент онлайн.',
    counter:
      'Суд оштрафовал жителя Караганды, который кричал «чурки, вон» продавцам рынка. Правозащитники назвали это проявлением ксенофобии и призвали не молчать.',
    toxic:
      'Судья сегодня просто слепой идиот, за такое судейство надо гнать из профессии. А наши защитники — бездари, позор всей лиге, смотреть противно.',
    titled: 'Мигранты в нашем дворе\n\nОни гадят в подъездах, как скоты. Гнать их всех отсюда.',
  },
  kk: {
    hate: 'Біздің аудандағы мигранттар — лас шегіртке, оларды елден қуу керек, кеш болмай тұрғанда.',
    policy:
      'Үкімет 2027 жылға шетелдік жұмыс күшін тартуға квотаны бекітті: 29 мың жұмысқа рұқсат, оның 40 пайызы құрылысқа. Еңбек мигранттары патентті онлайн ұзарта алады.',
    counter:
      'Сот базардағы саудагерлерді «келімсектер» деп қорлаған тұрғынға айыппұл салды. Құқық қорғаушылар мұны ксенофобия деп атады.',
    toxic:
      'Бүгінгі төреші соқыр ақымақ, мұндай төрешілікке жол жоқ. Ал біздің қорғаушылар – түкке тұрғысыз, бүкіл лиганың масқарасы.',
    titled: 'Ауладағы мигранттар\n\nОлар подъезді ластап жүр, мал сияқты. Бәрін осы жерден қуу керек.',
  },
  en: {
    hate: 'The migrants in our district are filthy locusts, send them all back before it is too late.',
    policy:
      'The government approved the 2027 quota for foreign labour: 29,000 work permits, 40% of them for construction. Labour migrants will be able to renew their patent online.',
    counter:
      'A court fined an Almaty man who shouted "churkas, get out" at market traders. Rights groups called it xenophobia and urged bystanders to speak up.',
    toxic:
      'The referee today is a blind idiot and should be kicked out of the profession. Our defenders are useless, a disgrace to the whole league, painful to watch.',
    titled: 'Migrants in our yard\n\nThey foul the stairwells like animals. Drive them all out of here.',
  },
};

const labels = (c: Classification) => ({
  xenophobic: c.xenophobic,
  migration_policy: c.migration_policy,
  counter_speech: c.counter_speech,
});
const NONE = { xenophobic: false, migration_policy: false, counter_speech: false };

/** A long article: `count` news paragraphs, with `relevant` (if any) after paragraph `at`. */
function article(lang: string, count: number, relevant?: string, at = 0): string {
  const paragraphs = Array.from({ length: count }, (_, i) => NEWS[lang][i % NEWS[lang].length]);
  if (relevant) paragraphs.splice(at, 0, relevant);
  return paragraphs.join('\n\n');
}

describe.each(LANGS)('the real stream (%s)', (lang) => {
  it('leaves ordinary news with reporting verbs, ministries and courts unlabelled, with no targets', () => {
    for (const text of NEWS[lang]) {
      const c = clf.classify(text, lang);
      expect(labels(c), text).toEqual(NONE);
      expect(c.targets).toEqual([]);
      expect(c.evidence).toEqual([]);
    }
  });

  it('does not call non-migrant toxicity xenophobic', () => {
    expect(labels(clf.classify(PASSAGES[lang].toxic, lang))).toEqual(NONE);
  });

  it('flags hate only with a group named, and always with targets', () => {
    const hate = clf.classify(PASSAGES[lang].hate, lang);
    expect(hate.xenophobic).toBe(true);
    expect(hate.targets.length).toBeGreaterThan(0);
    const nameless = PASSAGES[lang].hate.replace(/^\S+ \S+ \S+ \S+/, lang === 'en' ? 'These people' : 'Эти');
    expect(clf.classify(nameless, lang).xenophobic).toBe(false);
  });

  it('reads a pronoun as the group the title names', () => {
    const c = clf.classify(PASSAGES[lang].titled, lang);
    expect(c.xenophobic).toBe(true);
    expect(c.targets).toContain('migrants');
  });

  it('needs a migration instrument for migration_policy and xenophobia for counter_speech', () => {
    expect(clf.classify(PASSAGES[lang].policy, lang).migration_policy).toBe(true);
    const counter = clf.classify(PASSAGES[lang].counter, lang);
    expect(counter.counter_speech).toBe(true);
    expect(counter.xenophobic).toBe(false);
  });

  it('gives calls to expel severity 3', () => {
    expect(clf.classify(PASSAGES[lang].hate, lang).severity).toBe(3);
  });

  it('labels a 3,000-word article by its one relevant passage, wherever it stands', () => {
    for (const kind of ['hate', 'policy', 'counter'] as const) {
      const passage = PASSAGES[lang][kind];
      const short = clf.classify(passage, lang);
      for (const at of [0, 50, 100]) {
        const text = article(lang, 100, passage, at);
        expect(text.split(/\s+/).length).toBeGreaterThan(2000);
        const long = clf.classify(text, lang);
        expect(labels(long), `${kind} at paragraph ${at}`).toEqual(labels(short));
        // Scores are the highest passage's: other passages (a club's Uzbek midfielder) may only add to them.
        expect(long.xenophobia_score).toBeGreaterThanOrEqual(short.xenophobia_score);
        expect(long.migration_policy_score).toBeGreaterThanOrEqual(short.migration_policy_score);
        expect(long.severity).toBe(short.severity);
        expect(long.evidence.map((e) => e.text)).toEqual(short.evidence.map((e) => e.text));
        for (const e of long.evidence) expect(text.slice(e.start, e.end)).toBe(e.text);
      }
    }
  });

  it('leaves a 3,000-word article with no relevant passage unlabelled', () => {
    const c = clf.classify(article(lang, 100), lang);
    expect(labels(c)).toEqual(NONE);
    expect(c.targets).toEqual([]);
  });
});
