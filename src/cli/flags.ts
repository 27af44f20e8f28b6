import { parseArgs } from 'node:util';
import { ConfigError, type ConfigOverrides, loadConfig } from '../config.js';

/** Flags shared by the commands that open a runtime: each overrides the config field of the same meaning. */
export const RUNTIME_FLAGS = {
  data: { type: 'string' },
  sources: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * Parses argv against `flags` plus RUNTIME_FLAGS and loads the configuration with the overrides.
 * Bad flags or configuration print a clear message and yield null (the caller exits with 2).
 */
export function parseCommand<
  F extends Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>,
>(
  argv: string[],
  flags: F,
  usage: string,
  toOverrides: (values: Record<string, unknown>) => ConfigOverrides = () => ({}),
) {
  try {
    const parsed = parseArgs({ args: argv, options: { ...RUNTIME_FLAGS, ...flags }, allowPositionals: true });
    const values = parsed.values as Record<string, unknown>;
    const { positionals } = parsed;
    if (values.help) {
      console.log(usage);
      return null;
    }
    const config = loadConfig(process.env, {
      dataDir: values.data,
      sourcesDir: values.sources,
      ...toOverrides(values),
    });
    return { values, positionals, config };
  } catch (error) {
    if (error instanceof ConfigError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`kuzet: ${(error as Error).message}\n\n${usage}`);
      process.exitCode = 2;
      return null;
    }
    throw error;
  }
}
