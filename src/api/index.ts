export { createApp } from './app.js';
export type { AppDeps } from './deps.js';
export { ApiError, type ErrorBody } from './errors.js';
