export { loadSources, parseSourceFile, type SourceFileError, suggestKey } from './load.js';
export { loadRejected, REJECTED_STATE_KEY, type RejectedSourceFile, saveRejected } from './rejected.js';
export { isValidSchedule, parseSchedule } from './schedule.js';
export { SOURCE_KEYS, type SourceFile, SourceFileSchema } from './schema.js';
export { type SourceStatus, sourceStatus } from './status.js';
