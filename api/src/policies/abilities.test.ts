import { abilities } from '@panhuo/domain/accounts/abilities';
import type { Ability } from '@panhuo/domain/accounts/abilities';
import { roles } from '@panhuo/domain/accounts/roles';
import type { Role } from '@panhuo/domain/accounts/roles';
import { describe, expect, it } from 'vitest';
import { abilitiesOf, can, isProfileExempt } from './abilities';

const as = (role: Role) => ({ role });

describe('the permission table (manual: 多层次用户权限管理)', () => {
  it('gives the enterprise admin everything of the enterprise side', () => {
    for (const ability of [
      'experts.manage',
      'evaluations.manage',
      'evaluation_library.view',
      'evaluation_library.evaluate',
      'evaluation_library.review',
      'evaluation_library.publish_intent',
      'attention_library.view',
      'attention_library.set_focus',
      'attention_library.publish_intent',
      'resource_library.view',
      'resource_library.publish_intent',
      'demands.manage',
    ] as const) {
      expect(can(as('enterprise_admin'), ability), ability).toBe(true);
    }
    expect(can(as('enterprise_admin'), 'operator.console')).toBe(false);
    expect(can(as('enterprise_admin'), 'university.register_patents')).toBe(false);
  });

  it('lets the expert evaluate and view, nothing else of the enterprise side', () => {
    expect(abilitiesOf(as('expert'))).toEqual([
      'own_account.view',
      'own_account.complete_profile',
      'own_account.change_password',
      'expert_profile.edit',
      'evaluation_library.view',
      'evaluation_library.evaluate',
      'attention_library.view',
      'resource_library.view',
    ]);
    for (const ability of [
      'experts.manage',
      'evaluations.manage',
      'evaluation_library.review',
      'evaluation_library.publish_intent',
      'attention_library.set_focus',
      'attention_library.publish_intent',
      'resource_library.publish_intent',
      'resource_library.export',
      'demands.manage',
    ] as const) {
      expect(can(as('expert'), ability), ability).toBe(false);
    }
  });

  it('lets university users view the resource library, register patents and read evaluations received', () => {
    expect(abilitiesOf(as('university'))).toEqual([
      'own_account.view',
      'own_account.complete_profile',
      'own_account.change_password',
      'resource_library.view',
      'university.register_patents',
      'university.evaluations',
      'university.intents',
      'university.dashboard',
    ]);
  });

  it('lets the operator run the console and view the resource library, not act for an enterprise', () => {
    expect(can(as('operator'), 'operator.console')).toBe(true);
    expect(can(as('operator'), 'resource_library.view')).toBe(true);
    for (const ability of [
      'evaluation_library.evaluate',
      'experts.manage',
      'demands.manage',
      'university.register_patents',
    ] as const) {
      expect(can(as('operator'), ability), ability).toBe(false);
    }
  });

  it('has every role manage its own account and view the resource library', () => {
    for (const role of roles) {
      for (const ability of [
        'own_account.view',
        'own_account.complete_profile',
        'own_account.change_password',
        'resource_library.view',
      ] as const) {
        expect(can(as(role), ability), `${role} ${ability}`).toBe(true);
      }
    }
  });

  it('grants the console and patent registration to exactly one role each', () => {
    const holders = (ability: Ability) => roles.filter((role) => can(as(role), ability));
    expect(holders('operator.console')).toEqual(['operator']);
    expect(holders('university.register_patents')).toEqual(['university']);
    expect(holders('university.evaluations')).toEqual(['university']);
    expect(holders('university.intents')).toEqual(['university']);
    expect(holders('university.dashboard')).toEqual(['university']);
    expect(holders('experts.manage')).toEqual(['enterprise_admin']);
    expect(holders('expert_profile.edit')).toEqual(['expert']);
  });

  it('lists abilities in the canonical order, each one known', () => {
    for (const role of roles) {
      const list = abilitiesOf(as(role));
      expect(list).toEqual(abilities.filter((ability) => list.includes(ability)));
    }
  });

  it('exempts only seeing and completing one’s own profile from the first-login gate', () => {
    expect(abilities.filter(isProfileExempt)).toEqual(['own_account.view', 'own_account.complete_profile']);
  });
});
