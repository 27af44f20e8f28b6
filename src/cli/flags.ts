import { type ParseArgsConfig, parseArgs } from 'node:util';
import { ConfigError, type ConfigOverrides, loadConfig } from '../config.js';
import { didYouMean } from './did-you-mean.js';

/** A mistake in how a command was called (a flag, a folder, a source id): the CLI exits 2 with its message. */
export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Flags shared by the commands that open a runtime: each overrides the config field of the same meaning. */
export const RUNTIME_FLAGS = {
  data: { type: 'string' },
  sources: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * Node's parseArgs message, with an unknown option named plainly and the nearest known one suggested.
 *
 * @example
 * explainArgsError(err, { data: { type: 'string' } }) // 'unknown option --dta (did you mean --data?)'
 */
export function explainArgsError(error: unknown, options: Options): string {
  const message = (error as Error).message;
  const unknown = /^Unknown option '(-{1,2})([^']+)'/.exec(message);
  if (!unknown) return message;
  const [, dashes, name] = unknown;
  return `unknown option ${dashes}${name}${didYouMean(name, Object.keys(options), (c) => `--${c}`)}`;
}

/**
 * Parses a command's flags (plus --help/-h). Returns the parsed flags, or the exit code to end with: 0 after
 * printing the usage for --help, 2 after a clear message for a bad flag.
 *
 * @example
 * const parsed = parseFlags('extract', argv, { url: { type: 'string' } }, USAGE);
 * if (typeof parsed === 'number') return parsed;
 */
export function parseFlags<V extends Record<string, unknown>>(
  command: string,
  argv: string[],
  options: Options,
  usage: string,
  allowPositionals = true,
): { values: V & { help?: boolean }; positionals: string[] } | number {
  const all: Options = { ...options, help: { type: 'boolean', short: 'h' } };
  try {
    const parsed = parseArgs({ args: argv, options: all, allowPositionals });
    if (parsed.values.help) {
      console.log(usage);
      return 0;
    }
    return { values: parsed.values as V, positionals: parsed.positionals };
  } catch (error) {
    if (!(error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) throw error;
    console.error(`kuzet ${command}: ${explainArgsError(error, all)}\n\n${usage}`);
    return 2;
  }
}

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
  const options = { ...RUNTIME_FLAGS, ...flags };
  try {
    const parsed = parseArgs({ args: argv, options, allowPositionals: true });
    const values = parsed.values as Record<string, unknown>;
    const { positionals } = parsed;
    if (values.help) {
      console.log(usage);
      process.exitCode = 0;
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
      const command = /^Usage: kuzet (\S+)/.exec(usage)?.[1] ?? '';
      console.error(`kuzet${command ? ` ${command}` : ''}: ${explainArgsError(error, options)}\n\n${usage}`);
      process.exitCode = 2;
      return null;
    }
    throw error;
  }
}
