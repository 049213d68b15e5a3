import { describe, expect, it } from 'vitest';
import { compileTerms, markText, snippetOf } from './highlight';

const hits = (segments: { text: string; hit: boolean }[] | null) =>
  (segments ?? []).filter((s) => s.hit).map((s) => s.text);
const joined = (segments: { text: string; hit: boolean }[] | null) =>
  (segments ?? []).map((s) => s.text).join('');

describe('markText', () => {
  it('marks every occurrence and joins touching marks into one segment', () => {
    expect(markText('一种石墨烯导热膜，石墨电极', compileTerms(['石墨', '烯']))).toEqual([
      { text: '一种', hit: false },
      { text: '石墨烯', hit: true },
      { text: '导热膜，', hit: false },
      { text: '石墨', hit: true },
      { text: '电极', hit: false },
    ]);
  });

  it('is null when no term occurs, and with no terms at all', () => {
    expect(markText('一种城镇污水处理装置', compileTerms(['石墨']))).toBeNull();
    expect(markText('一种城镇污水处理装置', compileTerms([]))).toBeNull();
  });

  it('joins overlapping terms', () => {
    expect(hits(markText('锂离子电池', compileTerms(['离子电池', '锂离子'])))).toEqual(['锂离子电池']);
  });

  it('matches stemmed Latin tokens case-insensitively through the end of the word, only at a word start', () => {
    const segments = markText(
      'GaN transistors and a MOSFET; metransistor',
      compileTerms(['transistor', 'mosfet']),
    );
    expect(hits(segments)).toEqual(['transistors', 'MOSFET']);
    expect(joined(segments)).toBe('GaN transistors and a MOSFET; metransistor');
  });

  it('matches a quoted phrase across the spaces and punctuation the per-character match ignores', () => {
    expect(hits(markText('用于锂、电池的材料', compileTerms(['锂 电池'])))).toEqual(['锂、电池']);
  });

  it('treats the text as text: markup and regex characters are matched literally', () => {
    const segments = markText('<b>C++</b> 编译器', compileTerms(['c++']));
    expect(segments).toEqual([
      { text: '<b>', hit: false },
      { text: 'C++', hit: true },
      { text: '</b> 编译器', hit: false },
    ]);
  });
});

describe('snippetOf', () => {
  const terms = compileTerms(['正极', '材料']);

  it('shows a short text whole', () => {
    expect(snippetOf('一种正极材料。', terms, 120)).toEqual([
      { text: '一种', hit: false },
      { text: '正极材料', hit: true },
      { text: '。', hit: false },
    ]);
  });

  it('is null when no term occurs', () => {
    expect(snippetOf('甲'.repeat(300), terms, 120)).toBeNull();
  });

  it('starts at the sentence of the window with the most different terms, with … at cut ends', () => {
    const text = `${'甲'.repeat(100)}材料。${'乙'.repeat(100)}。本发明的正极材料稳定。${'丙'.repeat(200)}`;
    const snippet = snippetOf(text, terms, 40);
    expect(snippet?.[0]).toEqual({ text: '…本发明的', hit: false });
    expect(hits(snippet)).toEqual(['正极材料']);
    expect(snippet?.at(-1)?.text.endsWith('…')).toBe(true);
    expect([...joined(snippet)].length).toBe(42);
  });

  it('without a sentence start nearby, keeps a little context before the first mark', () => {
    const text = `${'甲'.repeat(200)}正极${'乙'.repeat(200)}`;
    expect(joined(snippetOf(text, terms, 20))).toBe(`…${'甲'.repeat(8)}正极${'乙'.repeat(10)}…`);
  });

  it('near the end, slides back to fill the window', () => {
    const text = `${'甲'.repeat(200)}正极`;
    expect(joined(snippetOf(text, terms, 20))).toBe(`…${'甲'.repeat(18)}正极`);
  });

  it('never cuts a character outside the Basic Multilingual Plane in two', () => {
    const text = `${'𠮷'.repeat(100)}正极${'𠮷'.repeat(100)}`;
    const snippet = joined(snippetOf(text, terms, 21));
    expect(snippet).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    expect(snippet).toContain('正极');
  });
});
