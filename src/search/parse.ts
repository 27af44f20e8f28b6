import type { QueryNode } from './query.js';

/**
 * A user query that cannot be parsed. `position` is the 0-based character offset of the problem;
 * the API answers 400 with the message, so it tells the user what to change.
 */
export class QuerySyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = 'QuerySyntaxError';
  }
}

export interface ParseOptions {
  /** Most terms (words, phrase words, prefixes) a query may hold. */
  maxTerms?: number;
  /** Deepest nesting of parentheses. */
  maxDepth?: number;
}

type Token =
  | { kind: 'word'; parts: string[]; prefix: boolean; pos: number }
  | { kind: 'phrase'; parts: string[]; pos: number }
  | { kind: 'and' | 'or' | 'not' | 'minus' | 'open' | 'close'; pos: number };

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const JOINER = /['’\-.]/u;
const OPERATORS: Record<string, 'and' | 'or' | 'not'> = { and: 'and', or: 'or', not: 'not', и: 'and', или: 'or' };

/** Lowercase, NFC, ё→е: the form terms take in every store. */
export function normalizeTerm(word: string): string {
  return word.normalize('NFC').toLowerCase().replaceAll('ё', 'е');
}

function splitWords(s: string): string[] {
  return (normalizeTerm(s).match(/[\p{L}\p{N}\p{M}]+/gu) ?? []).filter(Boolean);
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i];
    if (ch === '"' || ch === '«' || ch === '“') {
      const close = ch === '"' ? '"' : ch === '«' ? '»' : '”';
      const end = input.indexOf(close, i + 1);
      if (end < 0) throw new QuerySyntaxError(`Unclosed quote at position ${i}: add a closing ${close}.`, i);
      const parts = splitWords(input.slice(i + 1, end));
      if (parts.length === 0)
        throw new QuerySyntaxError(`Empty phrase at position ${i}: put words between the quotes.`, i);
      tokens.push({ kind: 'phrase', parts, pos: i });
      i = end + 1;
    } else if (ch === '(' || ch === ')') {
      tokens.push({ kind: ch === '(' ? 'open' : 'close', pos: i });
      i++;
    } else if (ch === '-' && /[\p{L}\p{N}("«“]/u.test(input[i + 1] ?? '') && !WORD_CHAR.test(input[i - 1] ?? '')) {
      tokens.push({ kind: 'minus', pos: i });
      i++;
    } else if (WORD_CHAR.test(ch)) {
      let j = i + 1;
      while (
        j < input.length &&
        (WORD_CHAR.test(input[j]) || (JOINER.test(input[j]) && WORD_CHAR.test(input[j + 1] ?? '')))
      )
        j++;
      const raw = input.slice(i, j);
      const prefix = input[j] === '*';
      const op = OPERATORS[raw.toLowerCase()] ?? (raw === 'НЕ' ? 'not' : undefined);
      if (op && !prefix) tokens.push({ kind: op, pos: i });
      else tokens.push({ kind: 'word', parts: splitWords(raw), prefix, pos: i });
      i = prefix ? j + 1 : j;
    } else if (ch === '*') {
      throw new QuerySyntaxError(`Misplaced * at position ${i}: write at least 2 letters before it, e.g. мигрант*.`, i);
    } else {
      i++;
    }
  }
  return tokens;
}

class Parser {
  private at = 0;
  private terms = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly end: number,
    private readonly options: Required<ParseOptions>,
  ) {}

  parse(): QueryNode {
    const node = this.or(0);
    const next = this.tokens[this.at];
    if (next)
      throw new QuerySyntaxError(
        `Unexpected ${describe(next)} at position ${next.pos}: check the parentheses.`,
        next.pos,
      );
    return node;
  }

  private or(depth: number): QueryNode {
    const children = [this.and(depth)];
    while (this.peek('or')) {
      this.at++;
      children.push(this.and(depth));
    }
    return combine('or', children);
  }

  private and(depth: number): QueryNode {
    const children = [this.unary(depth)];
    for (;;) {
      const next = this.tokens[this.at];
      if (!next || next.kind === 'or' || next.kind === 'close') break;
      if (next.kind === 'and') this.at++;
      children.push(this.unary(depth));
    }
    return combine('and', children);
  }

  private unary(depth: number): QueryNode {
    const next = this.tokens[this.at];
    if (next && (next.kind === 'not' || next.kind === 'minus')) {
      this.at++;
      return { type: 'not', child: this.unary(depth) };
    }
    return this.primary(depth);
  }

  private primary(depth: number): QueryNode {
    const token = this.tokens[this.at++];
    if (!token) throw new QuerySyntaxError(`The query ends too early at position ${this.end}: add a term.`, this.end);
    if (token.kind === 'open') {
      if (depth + 1 > this.options.maxDepth) {
        throw new QuerySyntaxError(
          `Too deeply nested at position ${token.pos}: use at most ${this.options.maxDepth} levels of parentheses.`,
          token.pos,
        );
      }
      const inner = this.or(depth + 1);
      const close = this.tokens[this.at++];
      if (close?.kind !== 'close') {
        throw new QuerySyntaxError(`Unclosed parenthesis at position ${token.pos}: add a ).`, token.pos);
      }
      return inner;
    }
    if (token.kind === 'word' || token.kind === 'phrase') {
      this.count(token.parts.length, token.pos);
      if (token.kind === 'word' && token.prefix) {
        const last = token.parts[token.parts.length - 1];
        if (last.length < 2)
          throw new QuerySyntaxError(
            `Prefix too short at position ${token.pos}: write at least 2 letters before *.`,
            token.pos,
          );
        if (token.parts.length === 1) return { type: 'term', value: last, prefix: true };
      }
      return token.parts.length === 1
        ? { type: 'term', value: token.parts[0] }
        : { type: 'phrase', terms: token.parts };
    }
    throw new QuerySyntaxError(
      `Unexpected ${describe(token)} at position ${token.pos}: a term, phrase or ( belongs here.`,
      token.pos,
    );
  }

  private peek(kind: Token['kind']): boolean {
    return this.tokens[this.at]?.kind === kind;
  }

  private count(n: number, pos: number): void {
    this.terms += n;
    if (this.terms > this.options.maxTerms) {
      throw new QuerySyntaxError(
        `Too many terms at position ${pos}: a query may hold at most ${this.options.maxTerms}.`,
        pos,
      );
    }
  }
}

function describe(token: Token): string {
  const names = { and: 'AND', or: 'OR', not: 'NOT', minus: '-', open: '(', close: ')', word: 'word', phrase: 'phrase' };
  return names[token.kind];
}

function combine(type: 'and' | 'or', children: QueryNode[]): QueryNode {
  const flat = children.flatMap((c) => (c.type === type ? c.children : [c]));
  return flat.length === 1 ? flat[0] : { type, children: flat };
}

/** True when the node can match on its own (stores cannot search for "everything except X"). */
function positive(node: QueryNode): boolean {
  switch (node.type) {
    case 'term':
    case 'phrase':
      return true;
    case 'and':
      return node.children.some(positive);
    case 'or':
      return node.children.every(positive);
    case 'not':
      return false;
  }
}

/**
 * Parses a user query into a QueryNode: words (Unicode letters/digits), "phrases", `prefix*`,
 * AND/OR/NOT in any case (also И/ИЛИ and upper-case НЕ), `-term`, parentheses; juxtaposition is AND.
 * Terms are lower-cased with ё→е. Returns null for a query with no terms at all.
 *
 * @example
 * parseQuery('мигрант* AND ("трудовые мигранты" OR гастарбайтер) -спорт')
 * // { type: 'and', children: [{ type: 'term', value: 'мигрант', prefix: true }, { type: 'or', … }, { type: 'not', … }] }
 * @throws QuerySyntaxError with the position of the problem
 */
export function parseQuery(input: string, options: ParseOptions = {}): QueryNode | null {
  const tokens = tokenize(input);
  if (tokens.length === 0) return null;
  const node = new Parser(tokens, input.length, {
    maxTerms: options.maxTerms ?? 32,
    maxDepth: options.maxDepth ?? 8,
  }).parse();
  if (!positive(node)) {
    throw new QuerySyntaxError(
      'The query only excludes terms: add at least one term to look for, e.g. мигранты -спорт.',
      0,
    );
  }
  return node;
}

/** Every positive term and prefix of a query, for highlighting and logging. */
export function queryTerms(node: QueryNode | null): Array<{ value: string; prefix: boolean }> {
  if (!node) return [];
  switch (node.type) {
    case 'term':
      return [{ value: node.value, prefix: node.prefix === true }];
    case 'phrase':
      return node.terms.map((value) => ({ value, prefix: false }));
    case 'and':
    case 'or':
      return node.children.flatMap(queryTerms);
    case 'not':
      return [];
  }
}
