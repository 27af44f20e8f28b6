export { loadSources, parseSourceFile, type SourceFileError, suggestKey } from './load.js';
export { isValidSchedule, parseSchedule } from './schedule.js';
export { SOURCE_KEYS, type SourceFile, SourceFileSchema } from './schema.js';
