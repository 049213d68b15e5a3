import { describe, expect, it } from 'vitest';
import {
  chinaDate,
  chinaDateTime,
  codeLabel,
  cooperationLabel,
  economicNames,
  fieldLabel,
  ipcSubclassLabel,
  ipcSubclassTitleOf,
  legalStatusLabel,
  maturityLabel,
  patentTypeLabel,
  strategicNames,
} from './labels';

describe('labels', () => {
  it('names codes from the domain taxonomies and shows unknown codes as themselves', () => {
    expect(patentTypeLabel('utility_model')).toBe('实用新型');
    expect(legalStatusLabel('pending')).toBe('审中');
    expect(cooperationLabel('license')).toBe('许可');
    expect(maturityLabel('pilot')).toBe('中试');
    expect(codeLabel('ipcSection', 'H')).toBe('H 电学');
    expect(codeLabel('strategicIndustries', '99')).toBe('99');
    expect(ipcSubclassLabel('C02F')).toBe('C02F 水、废水、污水或污泥的处理');
    expect(ipcSubclassTitleOf('H01M 4/36')).toBe('用于直接转变化学能为电能的方法或装置，例如电池组');
  });

  it('shows only the most specific level of the two-level industry tags', () => {
    expect(strategicNames(['5', '5.2', '7'])).toEqual(['新能源汽车装置、配件制造', '节能环保产业']);
    expect(economicNames(['C', '38', 'I', '65'])).toEqual(['电气机械和器材制造业', '软件和信息技术服务业']);
  });

  it('formats timestamps as China time', () => {
    expect(chinaDate('2024-05-19T17:30:00Z')).toBe('2024-05-20');
    expect(chinaDateTime('2024-05-20T02:05:00Z')).toBe('2024-05-20 10:05');
  });

  it('names the parameter a field error points at', () => {
    expect(fieldLabel('query.strategicIndustries.0')).toBe('战略性新兴产业');
    expect(fieldLabel('query.limit')).toBe('导出条数');
    expect(fieldLabel('query.unheard')).toBe('unheard');
  });
});
