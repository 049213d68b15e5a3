import { describe, expect, it } from 'vitest';
import { intentCloseBodySchema, intentCreateBodySchema, intentListQuerySchema } from './forms';
import { deriveIntentState } from './state';

const valid = {
  target: { kind: 'patent', id: '0123456789abcdef01234567' },
  source: 'resource',
  modes: ['transfer'],
  description: '  希望受让该专利用于动力电池产线 ',
  budget: { kind: 'range', min: '10', max: '50.5' },
  expectedTime: '2027年上半年',
  contact: { name: '张经理', phone: '0571-88886666', email: 'Zhang@Example.com' },
};

describe('我有合作意向 form', () => {
  it('parses figures typed as text, trims texts and lower-cases the e-mail', () => {
    const parsed = intentCreateBodySchema.parse(valid);
    expect(parsed.budget).toEqual({ kind: 'range', min: 10, max: 50.5 });
    expect(parsed.description).toBe('希望受让该专利用于动力电池产线');
    expect(parsed.contact.email).toBe('zhang@example.com');
    expect(intentCreateBodySchema.parse({ ...valid, budget: { kind: 'negotiable' } }).budget).toEqual({
      kind: 'negotiable',
    });
  });

  it('refuses a budget whose minimum exceeds its maximum, on the max field', () => {
    const res = intentCreateBodySchema.safeParse({ ...valid, budget: { kind: 'range', min: 80, max: 20 } });
    expect(res.success).toBe(false);
    expect(res.error?.issues[0]).toMatchObject({
      path: ['budget', 'max'],
      message: '最高预算不能低于最低预算',
    });
  });

  it('requires the contact, and refuses an enterprise or institution named in the body', () => {
    const noPhone = intentCreateBodySchema.safeParse({ ...valid, contact: { ...valid.contact, phone: '' } });
    expect(noPhone.error?.issues[0]).toMatchObject({ path: ['contact', 'phone'], message: '请填写联系电话' });
    const forged = intentCreateBodySchema.safeParse({ ...valid, institutionId: '0123456789abcdef01234567' });
    expect(forged.success).toBe(false);
    expect(intentCreateBodySchema.safeParse({ ...valid, modes: [] }).success).toBe(false);
  });

  it('keeps HTML as the text it is', () => {
    const html = '<script>alert(1)</script><b>粗体</b>';
    expect(intentCreateBodySchema.parse({ ...valid, description: html }).description).toBe(html);
  });

  it('takes an agreed mode and amount only with 已达成合作', () => {
    expect(
      intentCloseBodySchema.safeParse({ outcome: 'agreed', mode: 'transfer', amount: '30' }).data,
    ).toEqual({
      outcome: 'agreed',
      mode: 'transfer',
      amount: 30,
    });
    expect(intentCloseBodySchema.safeParse({ outcome: 'closed', amount: 30 }).success).toBe(false);
  });

  it('pages the lists by default and refuses an unknown state filter', () => {
    expect(intentListQuerySchema.parse({})).toMatchObject({ page: 1, size: 20 });
    expect(intentListQuerySchema.safeParse({ state: 'lost' }).success).toBe(false);
  });
});

describe('intent state from its steps', () => {
  it('moves 待查看 → 已查看 → 洽谈中 → 已达成合作 and never past a final step', () => {
    expect(deriveIntentState([{ kind: 'submitted' }])).toBe('pending');
    expect(deriveIntentState([{ kind: 'submitted' }, { kind: 'viewed' }])).toBe('viewed');
    expect(deriveIntentState([{ kind: 'submitted' }, { kind: 'viewed' }, { kind: 'accepted' }])).toBe(
      'negotiating',
    );
    expect(
      deriveIntentState([{ kind: 'viewed' }, { kind: 'accepted' }, { kind: 'agreed' }, { kind: 'closed' }]),
    ).toBe('agreed');
    expect(deriveIntentState([{ kind: 'submitted' }, { kind: 'withdrawn' }, { kind: 'viewed' }])).toBe(
      'withdrawn',
    );
    expect(deriveIntentState([{ kind: 'viewed' }, { kind: 'declined' }, { kind: 'message' }])).toBe(
      'declined',
    );
  });
});
