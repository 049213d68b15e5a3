import { parseIpc } from './ipc';
import type { ParsedIpc } from './ipc';
import { ipcClassFallbacks, ipcSectionFallbacks } from './ipc-concordance-fallbacks';
import type { IpcConcordancePair } from './ipc-concordance-fallbacks';
import { withStrategicParents } from './strategic-industries';
import type { StrategicIndustryCode, StrategicSubcategoryCode } from './strategic-industries';
import { withEconomicSections } from './economic-industries';
import type { EconomicDivisionCode, EconomicIndustryCode, EconomicSectionCode } from './economic-industries';

/**
 * IPC -> industry concordance, kept as data. It derives industry tags for patents whose registering
 * institution gave none. It is a hand-made approximation at subclass granularity, in the spirit of CNIPA's
 * IPC concordance tables for both taxonomies but not a copy of them (those work at group level): each
 * subclass maps to the 战略性新兴产业 sub-categories and GB/T 4754-2017 divisions where products built on
 * that technology are made. An empty strategic list means the technology is not specific to any strategic
 * emerging industry.
 * Entries are `[strategic sub-categories, economic divisions]` pairs (see IpcConcordancePair).
 */

// One subclass per line reads as a table.
// prettier-ignore
const bySubclass: Readonly<Record<string, IpcConcordancePair>> = {
  // A: agriculture machinery is 357 农林牧渔专用机械 (35); seeds, breeding, pesticides are 生物农业.
  A01B: [['2.1'], ['35']],
  A01C: [['2.1', '4.3'], ['35', '26']],
  A01D: [['2.1'], ['35']],
  A01G: [['4.3'], ['01', '02']],
  A01H: [['4.3'], ['01', '05']],
  A01K: [['4.3'], ['03', '04']],
  A01N: [['4.3'], ['26']],
  A01P: [['4.3'], ['26']],
  A23K: [['4.3'], ['13']],
  A23L: [['4.5'], ['14']],
  // Medical instruments are 358 (35); drugs are 27; dressings and medical materials 277 (27).
  A61B: [['4.2'], ['35']],
  A61F: [['4.2'], ['35', '27']],
  A61H: [['4.2'], ['35']],
  A61K: [['4.1'], ['27']],
  A61L: [['4.2'], ['27', '35']],
  A61M: [['4.2'], ['35']],
  A61N: [['4.2'], ['35']],
  A61P: [['4.1'], ['27']],
  A63B: [[], ['24']],
  // B: separation/filtration equipment is 3463 (34), environmental equipment 3591 (35).
  B01D: [['7.2'], ['34', '35']],
  B01F: [[], ['34', '35']],
  B01J: [['3.3'], ['26']],
  B01L: [['4.2'], ['40']],
  B02C: [[], ['35']],
  B08B: [['7.2'], ['35']],
  B09B: [['7.3'], ['42', '77']],
  B21D: [['2.1'], ['34', '33']],
  B22F: [['3.2', '3.6'], ['32', '33']],
  B23K: [['2.1'], ['34']],
  B23P: [['2.1'], ['34']],
  B23Q: [['2.1'], ['34']],
  B24B: [['2.1'], ['34']],
  // Industrial robots are 3491 (34); service robots 1.5 (智能机器人).
  B25J: [['2.1', '1.5'], ['34']],
  B29C: [['3.3', '2.1'], ['29', '35']],
  B32B: [['3.5'], ['29']],
  B33Y: [['2.1'], ['34']],
  B60K: [['5.2'], ['36']],
  // Traction batteries and motors are vehicle parts (5.2); charging equipment is 5.3.
  B60L: [['5.2', '5.3'], ['36', '38']],
  B60W: [['5.2'], ['36']],
  B61L: [['2.4'], ['37', '39']],
  B62D: [['5.1'], ['36']],
  B63B: [['2.5'], ['37']],
  B64C: [['2.2'], ['37']],
  B64D: [['2.2'], ['37']],
  B64G: [['2.3'], ['37']],
  B65G: [['2.1'], ['34']],
  B66C: [['2.1'], ['34']],
  B82Y: [['3.6'], ['26']],
  // C: chemical materials are 26 (265 合成材料, 264 涂料, 266 专用化学品), drugs 27.
  C01B: [['3.3', '3.6'], ['26']],
  C01G: [['3.2'], ['26']],
  // Sewage treatment is 462 (46); treatment equipment 3591 (35).
  C02F: [['7.2'], ['46', '35']],
  C03C: [['3.4'], ['30']],
  C04B: [['3.4'], ['30']],
  C05F: [['4.3', '7.3'], ['26']],
  C05G: [['4.3'], ['26']],
  C07C: [['3.3'], ['26']],
  C07D: [['4.1'], ['27', '26']],
  C07F: [['3.3'], ['26']],
  C07H: [['4.1'], ['27']],
  C07K: [['4.1'], ['27']],
  C08F: [['3.3'], ['26']],
  C08G: [['3.3'], ['26']],
  C08J: [['3.3'], ['29', '26']],
  C08K: [['3.3'], ['29', '26']],
  C08L: [['3.3'], ['26', '29']],
  C09D: [['3.3'], ['26']],
  C09J: [['3.3'], ['26']],
  C09K: [['3.3'], ['26']],
  C10G: [[], ['25']],
  C10L: [['4.4'], ['25']],
  C12M: [['4.5'], ['35']],
  C12N: [['4.1'], ['27']],
  C12P: [['4.5', '4.1'], ['26', '27']],
  C12Q: [['4.1'], ['27']],
  C21C: [['3.1'], ['31']],
  C21D: [['3.1'], ['31']],
  C22B: [['3.2'], ['32']],
  C22C: [['3.1', '3.2'], ['31', '32']],
  C22F: [['3.2'], ['32']],
  // Surface treatment is 336 金属表面处理及热处理加工 (33).
  C23C: [['3.2'], ['33']],
  // Water electrolysis is hydrogen production (其他新能源).
  C25B: [['6.4'], ['26']],
  C25D: [['3.2'], ['33']],
  // Artificial crystals are 先进无机非金属材料; silicon wafers feed 电子核心.
  C30B: [['3.4', '1.2'], ['30', '39']],
  // D: chemical fibres are 28; nonwovens 178 产业用纺织制成品 (17).
  D01D: [['3.5'], ['28']],
  D01F: [['3.5'], ['28']],
  D03D: [[], ['17']],
  D04H: [['3.5'], ['17']],
  D06M: [['3.5'], ['17']],
  D21H: [[], ['22']],
  // E: construction and mining.
  E01C: [[], ['48']],
  E01D: [[], ['48']],
  E02D: [[], ['48']],
  E04B: [[], ['47', '50']],
  E04G: [[], ['47', '50']],
  E21B: [[], ['07', '11', '35']],
  E21D: [[], ['48', '06']],
  E21F: [[], ['06', '11']],
  // F: prime movers, pumps, bearings and gears are 34 (341, 344, 345); wind turbines 3415.
  F01D: [['2.2'], ['34']],
  F02C: [['2.2'], ['34', '37']],
  F03D: [['6.2'], ['34']],
  F04D: [[], ['34']],
  F15B: [['2.1'], ['34']],
  F16C: [['2.1'], ['34']],
  F16F: [['2.1'], ['34']],
  F16H: [['2.1'], ['34']],
  F16K: [[], ['34']],
  F21V: [['7.1'], ['38']],
  F23G: [['7.2'], ['35']],
  F24F: [['7.1'], ['34']],
  // Solar thermal appliances are 3862 太阳能器具制造 (38).
  F24S: [['6.3'], ['38']],
  F25B: [['7.1'], ['34']],
  F26B: [[], ['34']],
  F28D: [['7.1'], ['34']],
  F28F: [['7.1'], ['34']],
  // G: instruments are 40; 智能测控装备 is part of 智能制造装备.
  G01B: [['2.1'], ['40']],
  G01C: [['2.3'], ['40']],
  G01D: [['2.1'], ['40']],
  G01K: [['2.1'], ['40']],
  G01L: [['2.1'], ['40']],
  G01M: [['2.1'], ['40']],
  G01N: [['2.1', '4.2'], ['40']],
  G01R: [['2.1', '6.5'], ['40']],
  // Radar and satellite positioning (G01S 19) are 卫星及应用.
  G01S: [['2.3'], ['39', '40']],
  G01V: [['2.1'], ['40']],
  G01W: [[], ['40']],
  G02B: [['1.2'], ['40']],
  G02F: [['1.2'], ['39']],
  G03F: [['1.2'], ['39']],
  G05B: [['2.1'], ['40']],
  G05D: [['2.1'], ['40']],
  // Computing: software and IT services are 65, computer hardware 391 (39).
  G06F: [['1.3', '1.4'], ['65', '39']],
  G06K: [['1.3'], ['65', '39']],
  G06N: [['1.5'], ['65']],
  G06Q: [['1.4'], ['65', '64']],
  G06T: [['1.3', '8.2'], ['65']],
  G06V: [['1.5'], ['65']],
  G08B: [['1.1'], ['39']],
  G08G: [['1.3'], ['65', '39']],
  G09B: [['8.4'], ['24']],
  G09G: [['1.2'], ['39']],
  G10L: [['1.5'], ['65']],
  G11C: [['1.2'], ['39']],
  G16B: [['4.5'], ['65', '73']],
  G16H: [['4.2', '1.4'], ['65']],
  // Nuclear power generation is 4413 (44); radioactive waste treatment 7725 (77).
  G21C: [['6.1'], ['34', '44']],
  G21F: [['6.1'], ['77']],
  // H: electrical equipment is 38 (381 电机, 382 输配电, 384 电池, 3825 光伏); electronics 39.
  H01B: [['6.5'], ['38']],
  H01F: [['1.2', '3.2'], ['38', '39']],
  H01G: [['1.2'], ['39']],
  H01H: [['6.5'], ['38']],
  H01L: [['1.2', '6.3'], ['39']],
  // Traction batteries are 新能源汽车配件; stationary storage is part of the smart grid.
  H01M: [['5.2', '6.5'], ['38']],
  H01Q: [['1.1'], ['39']],
  H01S: [['1.2'], ['39']],
  H02H: [['6.5'], ['38']],
  H02J: [['6.5'], ['38', '44']],
  H02K: [['5.2'], ['38']],
  H02M: [['6.5'], ['38']],
  H02P: [['2.1', '5.2'], ['38']],
  H02S: [['6.3'], ['38']],
  H03M: [['1.1'], ['39']],
  H04B: [['1.1'], ['39', '63']],
  H04L: [['1.1'], ['63', '65']],
  H04N: [['1.1', '8.1'], ['39', '63']],
  H04R: [['8.1'], ['39']],
  H04W: [['1.1'], ['63', '39']],
  H05B: [['7.1'], ['38']],
  H05K: [['1.2'], ['39']],
  H10K: [['1.2'], ['39']],
};

/** One row of the subclass concordance. */
export interface IpcConcordanceEntry {
  subclass: string;
  strategic: readonly StrategicSubcategoryCode[];
  economic: readonly EconomicDivisionCode[];
}

/** The subclass table, in symbol order (for display and integrity tests). */
export const ipcConcordance: readonly IpcConcordanceEntry[] = Object.entries(bySubclass)
  .map(([subclass, [strategic, economic]]) => ({ subclass, strategic, economic }))
  .sort((a, b) => a.subclass.localeCompare(b.subclass));

/** The class fallback table, in symbol order (for display and integrity tests). */
export const ipcClassConcordance: readonly {
  class: string;
  strategic: readonly StrategicSubcategoryCode[];
  economic: readonly EconomicDivisionCode[];
}[] = Object.entries(ipcClassFallbacks)
  .map(([ipcClass, [strategic, economic]]) => ({ class: ipcClass, strategic, economic }))
  .sort((a, b) => a.class.localeCompare(b.class));

/** How one IPC symbol resolved: through which table, and to which codes (economic may hold sections). */
export interface IpcIndustryResolution {
  level: 'subclass' | 'class' | 'section';
  strategic: readonly StrategicSubcategoryCode[];
  economic: readonly (EconomicDivisionCode | EconomicSectionCode)[];
}

function lookup<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

function resolveParsed(parsed: ParsedIpc): IpcIndustryResolution {
  const exact = lookup(bySubclass, parsed.subclass);
  if (exact) return { level: 'subclass', strategic: exact[0], economic: exact[1] };
  const byItsClass = lookup(ipcClassFallbacks, parsed.class);
  if (byItsClass) return { level: 'class', strategic: byItsClass[0], economic: byItsClass[1] };
  return { level: 'section', strategic: [], economic: ipcSectionFallbacks[parsed.section] };
}

/** Resolves one IPC symbol (any form `parseIpc` accepts) through subclass, class, then section; null if malformed. */
export function resolveIpcIndustries(ipcCode: string): IpcIndustryResolution | null {
  const parsed = parseIpc(ipcCode);
  return parsed ? resolveParsed(parsed) : null;
}

/** Industry tags of a patent, both levels of each taxonomy. */
export interface DerivedIndustries {
  /** Categories and sub-categories, e.g. ['5', '5.2', '6', '6.5']. */
  strategic: StrategicIndustryCode[];
  /** Sections and divisions, e.g. ['C', '38']. */
  economic: EconomicIndustryCode[];
}

/**
 * Derives industry tags from a patent's IPC symbols; the first well-formed symbol is the main one
 * (`[ipcMain, ...others]`). The main symbol always counts, through the subclass table or else the class or
 * section fallback. Other symbols add tags only when their subclass is in the table: they are precise, while
 * class guesses for every secondary symbol would tag a patent with half the economy. Output keeps the main
 * symbol's tags first, parents before children, without duplicates; malformed symbols are ignored.
 */
export function deriveIndustries(ipcCodes: readonly string[]): DerivedIndustries {
  const parsed = ipcCodes.map(parseIpc).filter((p): p is ParsedIpc => p !== null);
  const [main, ...others] = parsed;
  if (!main) return { strategic: [], economic: [] };
  const strategic: StrategicSubcategoryCode[] = [];
  const economic: (EconomicDivisionCode | EconomicSectionCode)[] = [];
  const add = (resolution: IpcIndustryResolution) => {
    strategic.push(...resolution.strategic);
    economic.push(...resolution.economic);
  };
  add(resolveParsed(main));
  for (const other of others) {
    const resolution = resolveParsed(other);
    if (resolution.level === 'subclass') add(resolution);
  }
  return { strategic: withStrategicParents(strategic), economic: withEconomicSections(economic) };
}
