import { parseApplicationNumber } from '@panhuo/domain/patents/application-number';

/** A patent number typed into the search box, looked up exactly rather than as text. */
export interface NumberLookup {
  field: 'applicationNumber' | 'publicationNumber';
  /** Normalized value ('201210247723.2', 'CN102738433A'), or a prefix when `prefix` is true. */
  value: string;
  /** A publication number without its kind code ('CN102738433') matches every kind of it. */
  prefix: boolean;
}

/** A token that looks like an application number but whose check digit is wrong. */
export interface InvalidNumber {
  token: string;
  message: string;
}

/** The search box text, split into what each part of the query needs. */
export interface QueryText {
  /** Plain words in input order, without duplicates; matched with smartcn, every word required. */
  words: string[];
  /** Quoted phrases; matched as exact substrings on the `.std` (one token per character) subfields. */
  phrases: string[];
  /** Application / publication numbers, looked up exactly. */
  numbers: NumberLookup[];
  /** Application numbers with a wrong check digit (they can never match: stored numbers are checked). */
  invalidNumbers: InvalidNumber[];
}

// Query-syntax characters of Lucene / query_string. The builder never uses query_string, so they carry no
// meaning here; they are replaced by spaces so that a pasted `H01M:(锂*)` cannot look like syntax anywhere
// (logs, highlight queries) and does not stick to the neighbouring word. Also list punctuation people use
// between words (、。;,).
const SYNTAX_OR_SEPARATOR = /[*:()[\]{}\\/~^<>!|&+?=,;、。]/g;
// Operators with an argument in that syntax: a field prefix (`title:`, `TI:`) and a boost or fuzziness
// (`^2`, `~1`). Dropped whole, so they do not turn into required words such as "title" or "2".
const FIELD_PREFIX = /\b[A-Za-z_][\w.]*:(?!\/\/)/g;
const BOOST_OR_FUZZINESS = /[~^]\d*(?:\.\d+)?/g;
// Typographic quotes typed by Chinese input methods; NFKC does not fold these.
const TYPOGRAPHIC_QUOTES = /[“”„‟〝〞「」『』]/g;
const PUBLICATION = /^(?:CN)?(\d{7,9})([A-Z]\d?)?$/;

/** Reads one whitespace-free token as a patent number, or null when it is a plain word. */
function asNumber(token: string): NumberLookup | InvalidNumber | null {
  const upper = token.toUpperCase();
  if (!/\d{7}/.test(upper)) return null;
  const app = parseApplicationNumber(upper);
  if (app.ok) return { field: 'applicationNumber', value: app.value.normalized, prefix: false };
  if (app.code === 'bad_check_digit') return { token, message: app.message };
  const pub = PUBLICATION.exec(upper);
  // A bare 7–9 digit number without CN or a kind code is too ambiguous to be read as a publication number.
  if (pub?.[1] && (upper.startsWith('CN') || pub[2])) {
    return { field: 'publicationNumber', value: `CN${pub[1]}${pub[2] ?? ''}`, prefix: pub[2] === undefined };
  }
  return null;
}

/**
 * Splits raw search box text into plain words, quoted phrases and patent numbers. Pure; never throws.
 * - Full-width forms are folded (NFKC) and typographic quotes become `"`.
 * - Query-syntax characters `"*:()[]{}\/~^` (and a few more) are neutralized, and field prefixes (`title:`) and
 *   boosts (`^2`) dropped: user text is always plain words.
 * - Balanced `"…"` pairs are phrases; an unbalanced quote is ignored and its text read as plain words.
 * - Upper-case AND / OR / NOT between words are dropped (all words are required anyway).
 * - `CN`/`ZL` + application number (also with a space after the prefix, without the dot, or without the
 *   check digit) and `CN` publication numbers become exact lookups.
 */
export function parseQueryText(raw: string): QueryText {
  const text = raw
    .normalize('NFKC')
    .replace(TYPOGRAPHIC_QUOTES, '"')
    .replace(FIELD_PREFIX, ' ')
    .replace(BOOST_OR_FUZZINESS, ' ')
    .replace(SYNTAX_OR_SEPARATOR, ' ')
    // "ZL 201210247723.2": glue the prefix to its number so it is read as one token.
    .replace(/\b(CN|ZL)\s+(?=\d)/gi, '$1');

  const parts = text.split('"');
  // An odd number of quotes: the last one has no partner. Drop it and keep its text as plain words.
  if (parts.length % 2 === 0) {
    const tail = parts.pop() ?? '';
    parts[parts.length - 1] = `${parts[parts.length - 1] ?? ''} ${tail}`;
  }

  const out: QueryText = { words: [], phrases: [], numbers: [], invalidNumbers: [] };
  const addNumberOrElse = (token: string, orElse: () => void) => {
    const found = asNumber(token);
    if (found === null) return orElse();
    if ('field' in found) {
      if (!out.numbers.some((n) => n.field === found.field && n.value === found.value))
        out.numbers.push(found);
    } else out.invalidNumbers.push(found);
  };

  parts.forEach((part, index) => {
    if (index % 2 === 1) {
      const phrase = part.trim().replace(/\s+/g, ' ');
      if (phrase === '') return;
      addNumberOrElse(phrase, () => {
        if (!out.phrases.includes(phrase)) out.phrases.push(phrase);
      });
      return;
    }
    for (const token of part.split(/\s+/)) {
      // A token of only dots or hyphens carries nothing for either analyzer. Upper-case AND / OR / NOT are
      // operators of patent databases' expert syntax, which this box does not offer: words are always all
      // required, so the operators are dropped rather than searched for as the words "and", "or", "not".
      if (token === '' || /^[-.]+$/.test(token) || /^(AND|OR|NOT)$/.test(token)) continue;
      addNumberOrElse(token, () => {
        if (!out.words.includes(token)) out.words.push(token);
      });
    }
  });
  return out;
}

/** True when the parsed text has anything to search for. */
export function hasQueryText(text: QueryText): boolean {
  return text.words.length > 0 || text.phrases.length > 0 || text.numbers.length > 0;
}
