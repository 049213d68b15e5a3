import { describe, expect, it } from 'vitest';
import { researchFieldsOf } from './dto';
import {
  expertCreateBodySchema,
  expertInfoBodySchema,
  expertListQuerySchema,
  expertReviewBodySchema,
} from './forms';
import { allowsAction, statusAfterDecision } from './status';

const info = {
  title: '高级工程师',
  strategicIndustries: ['1.5'],
  economicIndustries: [],
  resume: '从事人工智能研究。',
  contact: '13912345678',
};

describe('expert forms', () => {
  it('normalizes the 新增 form: account, phone, empty optional fields', () => {
    expect(
      expertCreateBodySchema.parse({
        name: ' 李四 ',
        account: ' Li_Si ',
        password: '',
        phone: '139-1234-5678',
        position: '工程师',
        department: ' ',
      }),
    ).toEqual({ name: '李四', account: 'li_si', phone: '13912345678', position: '工程师' });
  });

  it('checks research field codes against the taxonomies and drops duplicates', () => {
    expect(
      expertInfoBodySchema.parse({
        ...info,
        strategicIndustries: ['1.5', '1', '1.5'],
        economicIndustries: ['I', '65'],
      }),
    ).toMatchObject({ strategicIndustries: ['1.5', '1'], economicIndustries: ['I', '65'] });
    const bad = expertInfoBodySchema.safeParse({
      ...info,
      strategicIndustries: ['1.9'],
      economicIndustries: ['99'],
    });
    expect(bad.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['strategicIndustries.0', '未知的战略性新兴产业代码'],
      ['economicIndustries.0', '未知的国民经济行业代码'],
    ]);
    const many = expertInfoBodySchema.safeParse({
      ...info,
      strategicIndustries: ['1', '1.1', '1.2', '1.3', '1.4', '1.5', '2', '2.1', '2.2', '2.3', '2.4'],
    });
    expect(many.error?.issues[0]?.message).toBe('战略性新兴产业领域最多选择10项');
    const twelveInAll = expertInfoBodySchema.safeParse({
      ...info,
      strategicIndustries: ['1', '1.1', '1.2', '1.3', '1.4', '1.5'],
      economicIndustries: ['I', '63', '64', '65', 'M', '73'],
    });
    expect(twelveInAll.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['strategicIndustries', '研究领域两类合计最多选择10项'],
    ]);
    expect(
      expertInfoBodySchema.safeParse({
        ...info,
        strategicIndustries: ['1', '1.1', '1.2', '1.3', '1.4', '1.4'],
        economicIndustries: ['I', '63', '64', '65', '65'],
      }).success,
    ).toBe(true);
  });

  it('requires an opinion to reject, not to approve', () => {
    expect(expertReviewBodySchema.parse({ decision: 'approve' })).toEqual({
      decision: 'approve',
      opinion: '',
    });
    expect(expertReviewBodySchema.safeParse({ decision: 'reject' }).error?.issues[0]?.message).toBe(
      '审核不通过时请填写审核意见',
    );
    expect(expertReviewBodySchema.safeParse({ decision: 'maybe' }).error?.issues[0]?.message).toBe(
      '请选择审核结果',
    );
  });

  it('defaults paging and treats empty filters as none', () => {
    expect(expertListQuerySchema.parse({ q: ' ', status: '', accountStatus: '' })).toEqual({
      page: 1,
      size: 20,
    });
    expect(expertListQuerySchema.parse({ q: ' 张 ', page: '3', size: '50', status: 'approved' })).toEqual({
      q: '张',
      page: 3,
      size: 50,
      status: 'approved',
    });
  });

  it('names research fields and follows the status machine', () => {
    expect(researchFieldsOf(['6.3'], ['C', '38'])).toEqual([
      { taxonomy: 'strategic', code: '6.3', name: '太阳能产业' },
      { taxonomy: 'economic', code: 'C', name: '制造业' },
      { taxonomy: 'economic', code: '38', name: '电气机械和器材制造业' },
    ]);
    expect(allowsAction('apply', 'rejected')).toBe(true);
    expect(allowsAction('review', 'rejected')).toBe(false);
    expect(statusAfterDecision('reject')).toBe('rejected');
  });
});
