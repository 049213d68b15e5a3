import { describe, expect, it } from 'vitest';
import { splitKeywords } from './settings';

describe('splitKeywords', () => {
  it('splits on commas of either width, 、, semicolons and new lines, dropping blanks', () => {
    expect(splitKeywords('石墨烯，固态电池,钙钛矿、 氢能 ;\n\n  膜分离 ')).toEqual([
      '石墨烯',
      '固态电池',
      '钙钛矿',
      '氢能',
      '膜分离',
    ]);
  });

  it('keeps a phrase with a space as one keyword', () => {
    expect(splitKeywords('锂电池 正极')).toEqual(['锂电池 正极']);
  });
});
