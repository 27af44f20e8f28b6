/** Text analysis shared by the classifier and the store. */
export { type AnalyzedToken, analyze, analyzeDetailed, stemsForIndex, type Token } from './analyzer.js';
export { deobfuscate, foldCase } from './normalize.js';
export { stem, stemKazakh, stemmer } from './stem.js';
export { type RawToken, tokenize } from './tokenize.js';
