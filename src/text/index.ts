/** Text analysis shared by the classifier and the store. */
export { analyze, analyzeDetailed, stemsForIndex, type AnalyzedToken, type Token } from './analyzer.js';
export { deobfuscate, foldCase } from './normalize.js';
export { stem, stemKazakh } from './stem.js';
export { tokenize, type RawToken } from './tokenize.js';
