import { isEconomicDivisionCode } from '@panhuo/domain/taxonomies/economic-industries';
import { ipcSubclassTitle, normalizeIpc } from '@panhuo/domain/taxonomies/ipc';
import { isStrategicIndustryCode } from '@panhuo/domain/taxonomies/strategic-industries';
import { describe, expect, it } from 'vitest';
import { composeDesignText, composePatentText, textLengths } from '../compose-text';
import { Rng } from '../random';
import { TemplateFiller } from '../template-filler';
import { termsByMode } from './common';
import { fieldVocabularies } from './fields';

describe('the field vocabularies', () => {
  it('cover 15–20 fields with unique keys', () => {
    expect(fieldVocabularies.length).toBeGreaterThanOrEqual(15);
    expect(fieldVocabularies.length).toBeLessThanOrEqual(20);
    expect(new Set(fieldVocabularies.map((f) => f.key)).size).toBe(fieldVocabularies.length);
  });

  it.each(fieldVocabularies.map((f) => [f.key, f] as const))(
    '%s uses canonical IPC symbols of listed subclasses and real industry codes',
    (_, field) => {
      const symbols = [...field.ipcMain, ...field.ipcSecondary, ...field.titles.flatMap((t) => t.ipc ?? [])];
      for (const symbol of symbols) {
        expect(normalizeIpc(symbol), symbol).toBe(symbol);
        expect(ipcSubclassTitle(symbol.slice(0, 4)), symbol).toBeDefined();
      }
      expect(field.strategic.every(isStrategicIndustryCode)).toBe(true);
      expect(field.economic.every(isEconomicDivisionCode)).toBe(true);
    },
  );

  it.each(fieldVocabularies.map((f) => [f.key, f] as const))(
    '%s has what each of its patterns needs',
    (_, field) => {
      for (const pattern of field.titles) {
        if (pattern.archetype === 'device') {
          expect(field.devices.length, pattern.title).toBeGreaterThan(0);
          continue;
        }
        const stages = pattern.stages ? field.stages[pattern.stages] : undefined;
        expect(stages, pattern.title).toBeDefined();
        expect(stages?.length).toBeGreaterThanOrEqual(3);
        const key = pattern.stages ?? 'default';
        expect(
          (field.effects[key] ?? field.effects.default ?? []).length,
          pattern.title,
        ).toBeGreaterThanOrEqual(3);
        expect(
          (field.details[key] ?? field.details.default ?? []).length,
          pattern.title,
        ).toBeGreaterThanOrEqual(4);
        if (pattern.archetype === 'algorithm')
          expect(field.modules?.[pattern.stages ?? '']?.length).toBe(stages?.length);
      }
      for (const kind of field.devices) expect(kind.parts.length).toBeGreaterThanOrEqual(9);
      expect(field.scenarios.length).toBeGreaterThanOrEqual(3);
      expect(field.portfolioTopics.length).toBeGreaterThanOrEqual(3);
    },
  );

  it.each(fieldVocabularies.map((f) => [f.key, f] as const))(
    '%s fills every template without unknown slots',
    (_, field) => {
      const rng = new Rng(11);
      const filler = new TemplateFiller(rng, field);
      const templates = [
        ...field.titles.flatMap((t) => [t.title, t.noun, t.claimSubject ?? '']),
        ...Object.values(field.stages).flat(2),
        ...Object.values(field.details).flat(),
        ...Object.values(field.effects).flat(),
        ...Object.values(field.problems).flat(),
        ...Object.values(termsByMode).flat(),
      ];
      if (field.devices.length > 0)
        filler.restrict(
          'device',
          field.devices.flatMap((kind) => kind.names),
        );
      for (const kind of field.devices) {
        filler.restrict('part', kind.parts);
        templates.push(...kind.working);
      }
      for (const template of templates) expect(filler.fill(template), template).not.toMatch(/[{}]/);
    },
  );
});

describe('composed texts', () => {
  it('read like CNIPA abstracts and claims, within the target lengths', () => {
    const rng = new Rng(5);
    for (const field of fieldVocabularies) {
      for (const pattern of field.titles) {
        for (const utilityModel of pattern.archetype === 'device' ? [false, true] : [false]) {
          const text = composePatentText(rng, field, pattern, utilityModel);
          const who = utilityModel ? '本实用新型' : '本发明';
          expect(text.abstract.startsWith(who), text.abstract).toBe(true);
          expect(text.abstract.length).toBeGreaterThanOrEqual(textLengths.abstract.min);
          expect(text.abstract.length).toBeLessThanOrEqual(textLengths.abstract.max);
          expect(text.claims.startsWith('1.')).toBe(true);
          expect(text.claims.length).toBeGreaterThanOrEqual(textLengths.claims.min);
          expect(text.claims.length).toBeLessThanOrEqual(textLengths.claims.max);
          if (pattern.archetype !== 'use') expect(text.claims).toContain('其特征在于');
          expect(`${text.title}${text.abstract}${text.claims}`).not.toMatch(/[{}]|undefined/);
        }
      }
      if (field.designs.length > 0) {
        const design = composeDesignText(rng, field);
        expect(design.abstract).toContain(`本外观设计产品的名称：${design.title}`);
        expect(design.claims).toBe('');
      }
    }
  });
});
