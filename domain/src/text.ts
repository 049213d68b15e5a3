import { z } from 'zod';

/*
 * Text hygiene for every free-text field a person types (names, titles, opinions, descriptions, search
 * words): the one place that decides which characters may be stored. Whatever it lets through is shown
 * back in tables, certificates, e-mails and spreadsheets, so it refuses what renders as nothing or as
 * something else than what is stored:
 * - control characters (C0, DEL, C1) other than tab and, in multi-line fields, newline: NUL truncates
 *   strings in C libraries and PostgreSQL text, ESC sequences repaint terminals that print a log line;
 * - lone surrogates (half of a UTF-16 pair): not Unicode text at all, they fail to encode as UTF-8 and
 *   break JSON consumers and the search index;
 * - the bidirectional embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069, which make a
 *   name display reversed (U+202E turns 'gpj.exe' around); refused rather than stripped so nothing stored
 *   is silently different from what was sent;
 * - text that is empty once whitespace and zero-width characters are trimmed from its ends (a name of
 *   only U+200B looks blank everywhere but is not '').
 */

/** Whitespace and invisible characters trimmed from both ends; a text of only these is empty. */
const invisibleClass = String.raw`\s\u00AD\u061C\u115F\u1160\u180E\u200B-\u200F\u2060-\u2064\u3164\uFEFF\uFFA0`;
const edgeInvisibles = new RegExp(`^[${invisibleClass}]+|[${invisibleClass}]+$`, 'gu');
/** Line breaks of any convention: CRLF and CR from textareas and Windows, U+2028/U+2029 from pastes. */
const lineBreaks = /\r\n?|[\u2028\u2029]/g;
const anyLineBreak = /[\n\r\u2028\u2029]/;
/** Control characters except tab and newline (the single-line check catches newline first). */
const controlCharacter = /(?![\t\n])\p{Cc}/u;
/** In unicode mode a surrogate matches only when it is not half of a pair. */
const loneSurrogate = /\p{Cs}/u;
const bidiControl = /[\u202A-\u202E\u2066-\u2069]/;

/** What is wrong with a text, if anything. */
export type TextProblem = 'line_break' | 'control_character' | 'lone_surrogate' | 'bidi_control';

/**
 * The text as stored: trimmed of whitespace and invisible characters at both ends and, in a multi-line
 * field, with every line break written as '\n'. Not a sanitizer: characters refused by textProblem stay.
 */
export function normalizeText(value: string, multiline = false): string {
  const text = multiline ? value.replace(lineBreaks, '\n') : value;
  return text.replace(edgeInvisibles, '');
}

/**
 * The first character rule a (normalized) text breaks, or null. For callers that report problems in their
 * own words (the spreadsheet import); zod schemas use plainText.
 */
export function textProblem(value: string, multiline = false): TextProblem | null {
  if (!multiline && anyLineBreak.test(value)) return 'line_break';
  if (controlCharacter.test(value)) return 'control_character';
  if (loneSurrogate.test(value)) return 'lone_surrogate';
  if (bidiControl.test(value)) return 'bidi_control';
  return null;
}

/** The Chinese message of a problem in the field called `label`. */
export function textProblemMessage(problem: TextProblem, label: string): string {
  switch (problem) {
    case 'line_break':
      return `${label}不能换行`;
    case 'control_character':
      return `${label}不能包含控制字符`;
    case 'lone_surrogate':
      return `${label}包含无法识别的字符`;
    case 'bidi_control':
      return `${label}不能包含文字方向控制字符`;
  }
}

/** The rules of one free-text field. */
export interface TextRules {
  /** The field's name in messages: 「请填写${label}」, 「${label}最多${max}个字」. */
  label: string;
  /** Longest text, in UTF-16 code units (one per Chinese character), after trimming. */
  max: number;
  /** Shortest text after trimming; 1 (required) unless given. 0 lets an empty text through as ''. */
  min?: number;
  /** Allows line breaks (opinions, descriptions); names, titles and accounts are single-line. */
  multiline?: boolean;
}

/**
 * A free-text field: trims whitespace and zero-width characters at the ends (and unifies line breaks of
 * a multi-line field), then checks length and the character rules, each failure a field-level message.
 * Stays a string schema, so `maxLength` reaches the OpenAPI document.
 */
export function plainText({ label, max, min = 1, multiline = false }: TextRules) {
  const schema = z
    .string({ error: (issue) => (issue.input === undefined ? `请填写${label}` : `${label}应为文字`) })
    .overwrite((value) => normalizeText(value, multiline))
    .max(max, { error: `${label}最多${max}个字` })
    .superRefine((value, ctx) => {
      const problem = textProblem(value, multiline);
      if (problem)
        ctx.addIssue({ code: 'custom', message: textProblemMessage(problem, label), input: value });
    });
  if (min <= 0) return schema;
  return schema.min(min, { error: min === 1 ? `请填写${label}` : `${label}至少${min}个字` });
}

/** Form fields left empty arrive as ''; blank (also when only invisible characters) is "not given". */
const blankToUndefined = (value: unknown) =>
  typeof value === 'string' && normalizeText(value, true) === '' ? undefined : value;

/** An optional free-text field: absent, '' or blank is undefined, anything else a plainText. */
export function optionalText(rules: Omit<TextRules, 'min'>) {
  return z.preprocess(blankToUndefined, plainText(rules).optional());
}
