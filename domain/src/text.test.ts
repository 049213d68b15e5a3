import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { normalizeText, optionalText, plainText, textProblem } from './text';

const name = plainText({ label: '姓名', max: 10 });
const opinion = plainText({ label: '审核意见', max: 50, min: 0, multiline: true });

/** The messages of a failed parse, or the parsed value. */
function outcome(schema: z.ZodType, value: unknown): unknown {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : parsed.error.issues.map((issue) => issue.message);
}

describe('plainText', () => {
  it('trims whitespace and zero-width characters at both ends, keeps them inside', () => {
    expect(outcome(name, ' \u200B张三\uFEFF\u3000')).toBe('张三');
    expect(outcome(name, '张\u200D三')).toBe('张\u200D三');
    expect(outcome(name, '👩‍💻李四')).toBe('👩‍💻李四');
  });

  it('refuses a required text that is empty once zero-width characters are trimmed', () => {
    for (const blank of ['', '   ', '\u200B', '\u200B\u200C\u200D\u2060\uFEFF', '\u200E\u3164 '])
      expect(outcome(name, blank)).toEqual(['请填写姓名']);
    expect(outcome(name, undefined)).toEqual(['请填写姓名']);
    expect(outcome(name, 42)).toEqual(['姓名应为文字']);
  });

  it('refuses NUL, ESC sequences, DEL and C1 controls with a field message', () => {
    for (const bad of ['张\u0000三', '\u001b[31m红\u001b[0m', '张\u007f', '张\u0085三', '张\u0008'])
      expect(outcome(name, bad)).toEqual(['姓名不能包含控制字符']);
    expect(outcome(opinion, '同意\u0000')).toEqual(['审核意见不能包含控制字符']);
  });

  it('allows a tab, and newlines only in a multi-line field (CRLF, CR and U+2028 stored as \\n)', () => {
    expect(outcome(name, '张\t三')).toBe('张\t三');
    expect(outcome(name, '张\n三')).toEqual(['姓名不能换行']);
    expect(outcome(name, '张\r三')).toEqual(['姓名不能换行']);
    expect(outcome(name, '张\u2028三')).toEqual(['姓名不能换行']);
    expect(outcome(opinion, '第一行\r\n第二行\r第三行\u2029第四行\t完')).toBe(
      '第一行\n第二行\n第三行\n第四行\t完',
    );
  });

  it('refuses lone surrogates but keeps characters outside the BMP', () => {
    expect(outcome(name, '张\uD800三')).toEqual(['姓名包含无法识别的字符']);
    expect(outcome(name, '\uDC00')).toEqual(['姓名包含无法识别的字符']);
    expect(outcome(name, '𠮷野家')).toBe('𠮷野家');
  });

  it('refuses bidi embeddings, overrides and isolates', () => {
    for (const code of [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069])
      expect(outcome(name, `报告${String.fromCharCode(code)}exe.doc`)).toEqual([
        '姓名不能包含文字方向控制字符',
      ]);
  });

  it('caps the trimmed length and says so in the field message', () => {
    expect(outcome(name, '张'.repeat(10))).toBe('张'.repeat(10));
    expect(outcome(name, ` ${'张'.repeat(10)} `)).toBe('张'.repeat(10));
    expect(outcome(name, '张'.repeat(11))).toEqual(['姓名最多10个字']);
    expect(outcome(plainText({ label: '说明', max: 10, min: 2 }), '好')).toEqual(['说明至少2个字']);
  });

  it('lets an optional-empty text (min 0) through as an empty string', () => {
    expect(outcome(opinion, '\u200B ')).toBe('');
  });

  it('stays a string schema, so the OpenAPI document gets maxLength', () => {
    expect(z.toJSONSchema(name, { io: 'input' })).toMatchObject({
      type: 'string',
      maxLength: 10,
      minLength: 1,
    });
  });
});

describe('optionalText', () => {
  const department = optionalText({ label: '部门', max: 10 });

  it('treats absent, empty and invisible-only as not given, and checks anything else', () => {
    for (const blank of [undefined, '', ' ', '\u200B']) expect(outcome(department, blank)).toBeUndefined();
    expect(outcome(department, ' 研发部 ')).toBe('研发部');
    expect(outcome(department, '研发\u0000部')).toEqual(['部门不能包含控制字符']);
  });
});

describe('textProblem and normalizeText', () => {
  it('name the first rule broken, for callers that word their own messages', () => {
    expect(textProblem('正常的文字')).toBeNull();
    expect(textProblem('两\n行')).toBe('line_break');
    expect(textProblem('两\n行', true)).toBeNull();
    expect(textProblem('a\u0000')).toBe('control_character');
    expect(textProblem('a\uD83D')).toBe('lone_surrogate');
    expect(textProblem('a\u202Eb')).toBe('bidi_control');
    expect(normalizeText(' a\r\nb \u200B', true)).toBe('a\nb');
  });
});
