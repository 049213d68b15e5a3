import { describe, expect, it } from 'vitest';
import {
  enterpriseEvaluationBodySchema,
  evaluationReviewBodySchema,
  expertEvaluationBodySchema,
} from './forms';
import { starInstruction, starMeanings, starValues } from './stars';

describe('star meanings', () => {
  it('are the manual’s sentence, cut at its semicolons, one per star from 5 down to 1', () => {
    const manual =
      '请您从本单位的实际角度出发，对该专利的潜在价值和产业化前景进行五星评价；其中：5星代表该专利技术成熟度高，可直接用于产业；4星代表该专利具有较高的潜在价值和产业化前景；3星代表该专利具有一定的潜在价值和产业化前景；2星代表该专利潜在价值低，产业化前景不明朗；1星代表无潜在价值和产业化前景';
    expect(`${starInstruction}；其中：${starValues.map((stars) => starMeanings[stars]).join('；')}`).toBe(
      manual,
    );
  });
});

describe('evaluation forms', () => {
  it('take whole stars from 1 to 5 and a trimmed, required text', () => {
    expect(expertEvaluationBodySchema.parse({ stars: 5, advice: '  可直接用于产业 ' })).toEqual({
      stars: 5,
      advice: '可直接用于产业',
    });
    for (const stars of [0, 6, 2.5, '3', null]) {
      expect(expertEvaluationBodySchema.safeParse({ stars, advice: '好' }).success, String(stars)).toBe(
        false,
      );
    }
    expect(enterpriseEvaluationBodySchema.safeParse({ stars: 3, opinion: '' }).success).toBe(false);
  });

  it('require a comment to 退回, not to 通过', () => {
    expect(evaluationReviewBodySchema.safeParse({ decision: 'approve', revision: 1 }).success).toBe(true);
    const returned = evaluationReviewBodySchema.safeParse({ decision: 'return', revision: 1 });
    expect(returned.success).toBe(false);
    expect(returned.error?.issues[0]).toMatchObject({ path: ['comment'], message: '退回时请填写审核意见' });
  });
});
