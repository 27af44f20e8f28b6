/**
 * The one place `natural` is loaded: only the stemmers and classifiers Kuzet uses, from their own files
 * (the package's index loads every module and its data, most of a second at start-up), typed by the
 * package's declarations. Also silences the dotenv banner natural can trigger on import.
 */
import { createRequire } from 'node:module';
import type * as Natural from 'natural';

process.env.DOTENV_CONFIG_QUIET = 'true';
const require = createRequire(import.meta.url);
const part = (file: string): unknown => require(`natural/lib/natural/${file}`);

const natural = {
  PorterStemmer: part('stemmers/porter_stemmer.js') as typeof Natural.PorterStemmer,
  PorterStemmerRu: part('stemmers/porter_stemmer_ru.js') as typeof Natural.PorterStemmerRu,
  BayesClassifier: part('classifiers/bayes_classifier.js') as typeof Natural.BayesClassifier,
  LogisticRegressionClassifier: part(
    'classifiers/logistic_regression_classifier.js',
  ) as typeof Natural.LogisticRegressionClassifier,
};
export default natural;
