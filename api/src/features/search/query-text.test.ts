import { describe, expect, it } from 'vitest';
import { hasQueryText, parseQueryText } from './query-text';

const empty = { words: [], phrases: [], numbers: [], invalidNumbers: [] };

describe('parseQueryText', () => {
  it('splits plain words on any whitespace (also the full-width space) and drops duplicates', () => {
    expect(parseQueryText('  锂电池　正极材料 锂电池 ')).toEqual({ ...empty, words: ['锂电池', '正极材料'] });
  });

  it('neutralizes query syntax: characters, field prefixes, boosts and fuzziness', () => {
    expect(parseQueryText('title:(石墨烯*) [锂]^2 {x} a\\b/c~1 TI:电池^0.5')).toEqual({
      ...empty,
      words: ['石墨烯', '锂', 'x', 'a', 'b', 'c', '电池'],
    });
  });

  it('reads Chinese list punctuation and full-width forms as separators', () => {
    expect(parseQueryText('锂电池，正极材料、隔膜；（电解液）')).toEqual({
      ...empty,
      words: ['锂电池', '正极材料', '隔膜', '电解液'],
    });
  });

  it('drops upper-case AND / OR / NOT operators but keeps lower-case words', () => {
    expect(parseQueryText('锂电池 AND 正极 OR 负极 NOT 钠 or')).toEqual({
      ...empty,
      words: ['锂电池', '正极', '负极', '钠', 'or'],
    });
  });

  it('keeps balanced quotes (ASCII, full-width and typographic) as phrases', () => {
    expect(parseQueryText('"石墨烯 导热" 膜 “正极材料” ＂隔膜＂')).toEqual({
      ...empty,
      words: ['膜'],
      phrases: ['石墨烯 导热', '正极材料', '隔膜'],
    });
  });

  it('ignores an unbalanced quote and reads its text as plain words', () => {
    expect(parseQueryText('"石墨烯 导热')).toEqual({ ...empty, words: ['石墨烯', '导热'] });
    expect(parseQueryText('"正极" 材料 "锂')).toEqual({ ...empty, words: ['材料', '锂'], phrases: ['正极'] });
  });

  it('reads application numbers in every written form as one normalized lookup', () => {
    const lookup = { field: 'applicationNumber', value: '201710601862.3', prefix: false };
    for (const written of [
      '201710601862.3',
      'CN201710601862.3',
      'zl201710601862',
      'ZL 201710601862.3',
      '2017106018623',
    ]) {
      expect(parseQueryText(written)).toEqual({ ...empty, numbers: [lookup] });
    }
  });

  it('reports an application number with a wrong check digit', () => {
    expect(parseQueryText('201710601862.4 电池')).toEqual({
      ...empty,
      words: ['电池'],
      invalidNumbers: [
        { token: '201710601862.4', message: '申请号校验位错误：201710601862 的校验位应为 3，请核对申请号' },
      ],
    });
  });

  it('reads publication numbers, exact with a kind code and as a prefix without', () => {
    expect(parseQueryText('CN102738433A cn102738433')).toEqual({
      ...empty,
      numbers: [
        { field: 'publicationNumber', value: 'CN102738433A', prefix: false },
        { field: 'publicationNumber', value: 'CN102738433', prefix: true },
      ],
    });
  });

  it('keeps a bare short number as a plain word', () => {
    expect(parseQueryText('1234567 5G')).toEqual({ ...empty, words: ['1234567', '5G'] });
  });

  it('finds nothing to search in only syntax characters', () => {
    const text = parseQueryText(' *:() "" ~ ');
    expect(text).toEqual(empty);
    expect(hasQueryText(text)).toBe(false);
  });
});
