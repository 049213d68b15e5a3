// Highlighting in the API rather than in Elasticsearch: the terms come from ES's own analyzer (see
// search-terms.ts), the marking happens here on the `_source` text the result list reads anyway. ES's
// unified highlighter cost ~4 ms of Elasticsearch CPU per page of 20 at 1M patents (a third of the whole
// search); this costs a few hundredths of a millisecond in Node.
import type { TextSegment } from '@panhuo/domain/patents/dto';

/** One marked stretch of a text: UTF-16 offsets [start, end), and which term it matched. */
interface Mark {
  start: number;
  end: number;
  term: number;
}

/** A sentence ends at these; a snippet prefers to start after one. */
const SENTENCE_ENDS = new Set(['。', '！', '？', '；', '!', '?', ';', '\n']);
/** How far back from its first mark a snippet may start to begin at a sentence start. */
const LEAD_MAX = 24;
/** Where a sentence start is not near: this much context before the first mark. */
const LEAD_DEFAULT = 8;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** How one term is found: a literal substring, or a pattern. */
type TermMatcher = { literal: string } | { pattern: RegExp };

/**
 * How to find one term. Latin/digit terms (smartcn lower-cases and stems them: "transistors" →
 * "transistor") match case-insensitively at a word start, through the rest of the word. A term with
 * whitespace or punctuation (a quoted phrase) matches any run of either there, as the per-character
 * `.std` phrase match ignores them. Other terms (Chinese words) are literal substrings.
 */
function termMatcher(term: string): TermMatcher {
  if (/^[a-z0-9]+$/i.test(term)) {
    return { pattern: new RegExp(`(?<![a-z0-9])${escapeRegExp(term)}[a-z]*`, 'gi') };
  }
  const parts = term.split(/[\s\p{P}]+/u).filter((part) => part !== '');
  if (parts.length === 1 && !/[a-z]/i.test(term)) return { literal: parts[0] ?? term };
  return { pattern: new RegExp(parts.map(escapeRegExp).join('[\\s\\p{P}]*'), 'giu') };
}

/** Every occurrence of every term, sorted by start. */
function findMarks(text: string, matchers: TermPatterns): Mark[] {
  const marks: Mark[] = [];
  matchers.forEach((matcher, term) => {
    if ('literal' in matcher) {
      for (let at = text.indexOf(matcher.literal); at >= 0; at = text.indexOf(matcher.literal, at + 1)) {
        marks.push({ start: at, end: at + matcher.literal.length, term });
      }
      return;
    }
    for (const match of text.matchAll(matcher.pattern)) {
      if (match[0] !== '') marks.push({ start: match.index, end: match.index + match[0].length, term });
    }
  });
  return marks.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** The text between `start` and `end` as segments, marks (clipped to the range) merged where they touch. */
function segmentsOf(text: string, marks: readonly Mark[], start: number, end: number): TextSegment[] {
  const segments: TextSegment[] = [];
  const push = (from: number, to: number, hit: boolean) => {
    if (to <= from) return;
    const piece = text.slice(from, to);
    const last = segments[segments.length - 1];
    if (last && last.hit === hit) last.text += piece;
    else segments.push({ text: piece, hit });
  };
  let at = start;
  for (const mark of marks) {
    const from = Math.max(mark.start, at);
    const to = Math.min(mark.end, end);
    if (to <= from) continue;
    push(at, from, false);
    push(from, to, true);
    at = to;
  }
  push(at, end, false);
  return segments;
}

/** Moves an offset off the second half of a surrogate pair, so no character is cut in two. */
function snap(text: string, offset: number): number {
  const code = text.charCodeAt(offset);
  return code >= 0xdc00 && code <= 0xdfff ? offset + 1 : offset;
}

/** Compiled terms, to reuse across the texts of one page. */
export type TermPatterns = readonly TermMatcher[];

/** Compiles the terms (analyzer tokens and quoted phrases) once per search. Pure. */
export function compileTerms(terms: readonly string[]): TermPatterns {
  // A term of only spaces or punctuation could match nothing worth marking (or the empty string).
  return terms.filter((term) => /[\p{L}\p{N}]/u.test(term)).map(termMatcher);
}

/**
 * The whole text with every term occurrence marked ('<石墨><烯>' touching marks are one segment), or null
 * when no term occurs. Pure.
 */
export function markText(text: string, patterns: TermPatterns): TextSegment[] | null {
  const marks = findMarks(text, patterns);
  return marks.length === 0 ? null : segmentsOf(text, marks, 0, text.length);
}

/**
 * A snippet of about `length` characters around the marks: the window, starting at or just before a
 * mark (at its sentence's start when that is near), that shows the most different terms, then the most
 * marks, then comes first. '…' stands for cut text at either end. Null when no term occurs. Pure.
 */
export function snippetOf(text: string, patterns: TermPatterns, length: number): TextSegment[] | null {
  const marks = findMarks(text, patterns);
  if (marks.length === 0) return null;
  if (text.length <= length) return segmentsOf(text, marks, 0, text.length);

  const distinct = new Set(marks.map((m) => m.term)).size;
  let best = { start: 0, terms: -1, marks: -1 };
  for (const [i, anchor] of marks.entries()) {
    const start = windowStart(text, anchor.start, length);
    // Marks are sorted by start: the ones inside the window are a run around the anchor.
    let lo = i;
    while (lo > 0 && (marks[lo - 1]?.start ?? -1) >= start) lo--;
    const seen = new Set<number>();
    let count = 0;
    for (let j = lo; j < marks.length; j++) {
      const mark = marks[j];
      if (!mark || mark.start >= start + length) break;
      if (mark.end > start + length) continue;
      seen.add(mark.term);
      count++;
    }
    if (seen.size > best.terms || (seen.size === best.terms && count > best.marks)) {
      best = { start, terms: seen.size, marks: count };
    }
    // The first window showing every term found is as good as a snippet gets.
    if (seen.size === distinct) break;
  }
  const end = snap(text, Math.min(text.length, best.start + length));
  const segments = segmentsOf(text, marks, best.start, end);
  if (best.start > 0) segments.unshift({ text: '…', hit: false });
  if (end < text.length) segments.push({ text: '…', hit: false });
  return mergeNeighbours(segments);
}

/**
 * Where a snippet window around a mark at `at` starts: at its sentence's start when that is at most
 * LEAD_MAX before it, else LEAD_DEFAULT before it; near the end of the text, earlier so that the window is
 * full, but never after the mark.
 */
function windowStart(text: string, at: number, length: number): number {
  let start = Math.max(0, at - LEAD_DEFAULT);
  for (let i = at - 1; i >= Math.max(0, at - LEAD_MAX); i--) {
    if (SENTENCE_ENDS.has(text[i] ?? '')) {
      start = i + 1;
      break;
    }
    if (i === 0) start = 0;
  }
  return snap(text, Math.max(0, Math.min(start, text.length - length, at)));
}

/** Joins neighbouring segments of the same kind (after the '…' were added). */
function mergeNeighbours(segments: TextSegment[]): TextSegment[] {
  const out: TextSegment[] = [];
  for (const segment of segments) {
    const last = out[out.length - 1];
    if (last && last.hit === segment.hit) last.text += segment.text;
    else out.push({ ...segment });
  }
  return out;
}
