#!/usr/bin/env node
// Entry point of the `kuzet` command: registers the TypeScript loader, then runs the CLI.
import { register } from 'tsx/esm/api';

process.env.DOTENV_CONFIG_QUIET = 'true';
register();
await import('./main.ts');
