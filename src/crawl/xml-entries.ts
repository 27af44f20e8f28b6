/**
 * Reads the entries of a feed or sitemap (items, entries, url and sitemap elements) from a stream of
 * decoded text, one entry at a time, with htmlparser2's tokenizer in XML mode (as forgiving of broken
 * markup as the DOM parser it replaces). No document tree is built: memory holds the entry being read.
 */
import { Parser } from 'htmlparser2';

/** An element inside an entry whose text is kept: name and attribute names lowercased. */
export interface XmlField {
  name: string;
  attribs: Record<string, string>;
  /** Its text, its descendants' included, entities decoded, CDATA as is. */
  text: string;
  /** 1 for a child of the entry, 2 for a grandchild, … */
  depth: number;
  /** Name of the element it sits in. */
  parent: string;
}

export interface XmlEntry {
  attribs: Record<string, string>;
  /** The kept elements, in document order. */
  fields: XmlField[];
}

export interface EntryReaderOptions {
  /** True when an element named `name`, opened at `depth` (the root is 0), starts an entry. */
  isEntry(name: string, depth: number, root: string): boolean;
  /** Names of the elements whose text an entry keeps. */
  fields: ReadonlySet<string>;
  /** Sees the root element's name first; throws to reject the document. */
  onRoot(name: string): void;
  /** Each complete entry; one cut off by the end of the body is not passed on. */
  onEntry(entry: XmlEntry): void;
}

export interface ReadOutcome {
  /** The root element's lowercased name, null when the body holds no element. */
  root: string | null;
  /** The body ended before the root element was closed (a cut-off download). */
  truncated: boolean;
}

function lowerKeys(attribs: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(attribs)) out[key.toLowerCase()] = value;
  return out;
}

/**
 * Feeds `chunks` through the tokenizer and hands each complete entry to `options.onEntry`.
 *
 * @example
 * readXmlEntries(['<rss><channel><item><link>/a</link></item></channel></rss>'], {
 *   isEntry: (name) => name === 'item', fields: new Set(['link']), onRoot: () => {}, onEntry: (e) => console.log(e.fields[0].text),
 * }); // logs '/a', returns { root: 'rss', truncated: false }
 */
export function readXmlEntries(chunks: Iterable<string>, options: EntryReaderOptions): ReadOutcome {
  let root: string | null = null;
  let rootClosed = false;
  let ending = false;
  let truncated = false;
  let depth = 0;
  let entry: (XmlEntry & { depth: number }) | null = null;
  /** Elements open inside the current entry, with their field when kept. */
  const open: Array<{ name: string; field: XmlField | null }> = [];
  const parser = new Parser(
    {
      onopentag(rawName, attribs) {
        const name = rawName.toLowerCase();
        if (depth === 0 && root === null) {
          root = name;
          options.onRoot(name);
        } else if (entry) {
          const field = options.fields.has(name)
            ? {
                name,
                attribs: lowerKeys(attribs),
                text: '',
                depth: depth - entry.depth,
                parent: open.at(-1)?.name ?? '',
              }
            : null;
          if (field) entry.fields.push(field);
          open.push({ name, field });
        } else if (depth > 0 && root !== null && !rootClosed && options.isEntry(name, depth, root)) {
          entry = { attribs: lowerKeys(attribs), fields: [], depth };
        }
        depth++;
      },
      ontext(text) {
        if (!entry) return;
        for (const { field } of open) if (field) field.text += text;
      },
      onclosetag(_name, implied) {
        depth--;
        if (entry && depth === entry.depth) {
          if (ending) truncated = true;
          else options.onEntry({ attribs: entry.attribs, fields: entry.fields });
          entry = null;
          open.length = 0;
        } else if (entry) {
          open.pop();
        }
        if (depth === 0 && root !== null && !rootClosed) {
          rootClosed = true;
          if (implied && ending) truncated = true;
        }
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  for (const chunk of chunks) parser.write(chunk);
  ending = true;
  parser.end();
  return { root, truncated };
}
