import { describe, it, expect } from 'vitest';
import {
  cooperationModeCodes,
  cooperationModeGroups,
  cooperationModeLabel,
  cooperationModeSchema,
  cooperationModes,
  expandCooperationModes,
  getCooperationMode,
} from './cooperation-modes';

describe('cooperation modes', () => {
  it('labels every mode in Chinese, in the manual order', () => {
    expect(cooperationModes.map((m) => m.code)).toEqual([...cooperationModeCodes]);
    expect(cooperationModes.map((m) => m.label)).toEqual([
      '转让',
      '普通许可',
      '排他许可',
      '独占许可',
      '开放许可',
      '作价入股',
      '技术合作开发/共建联合实验室',
    ]);
  });

  it('groups exactly the three license kinds under 许可, not 开放许可', () => {
    expect(cooperationModeGroups).toEqual([
      { code: 'license', label: '许可', modes: ['license_general', 'license_exclusive', 'license_sole'] },
    ]);
    expect(cooperationModes.filter((m) => m.group === 'license').map((m) => m.code)).toEqual(
      cooperationModeGroups[0]?.modes,
    );
    expect(getCooperationMode('open_license')?.group).toBeNull();
    expect(cooperationModeLabel('license')).toBe('许可');
    expect(cooperationModeLabel('equity')).toBe('作价入股');
  });

  it('expands a group into its members and refuses unknown codes', () => {
    expect(expandCooperationModes(['transfer', 'license', 'license_sole'])).toEqual([
      'transfer',
      'license_general',
      'license_exclusive',
      'license_sole',
    ]);
    expect(expandCooperationModes(['transfer', 'gift'])).toBeNull();
    expect(expandCooperationModes([])).toEqual([]);
  });

  it('validates codes', () => {
    expect(cooperationModeSchema.safeParse('joint_development').success).toBe(true);
    expect(cooperationModeSchema.safeParse('license').success).toBe(false);
  });
});
