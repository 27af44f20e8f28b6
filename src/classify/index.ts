/** Public API of the classifier. */
export {
  type Classifier,
  type ClassifierOptions,
  DEFAULT_MODEL_PATH,
  loadClassifier,
  type ModelFile,
  versionOf,
} from './classifier.js';
export { type GoldRecord, readGold } from './corpus.js';
export { classifyLanguage } from './language.js';
export {
  CATEGORIES,
  type Category,
  DEFAULT_LEXICON_DIR,
  type Lexicon,
  type LexiconEntry,
  LexiconError,
  loadLexicon,
  parseLexiconFile,
} from './lexicon.js';
export { crossValidate, trainModel } from './train.js';
