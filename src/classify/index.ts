/** Public API of the classifier. */
export { type Classifier, type ClassifierOptions, type ModelFile, DEFAULT_MODEL_PATH, loadClassifier, versionOf } from './classifier.js';
export { readGold, type GoldRecord } from './corpus.js';
export { type Category, CATEGORIES, DEFAULT_LEXICON_DIR, type Lexicon, type LexiconEntry, LexiconError, loadLexicon, parseLexiconFile } from './lexicon.js';
export { classifyLanguage } from './language.js';
export { trainModel } from './train.js';
