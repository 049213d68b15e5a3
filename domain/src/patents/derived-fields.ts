import { normalizeIpc, ipcFacets } from '../taxonomies/ipc';
import { deriveIndustries } from '../taxonomies/ipc-concordance';
import { withStrategicParents } from '../taxonomies/strategic-industries';
import { withEconomicSections } from '../taxonomies/economic-industries';
import type { Patent } from './patent';

/** What a registration or import supplies; the rest of the IPC and industry fields is computed. */
export interface PatentClassificationInput {
  ipcMain: string;
  ipcCodes: readonly string[];
  /**
   * Codes given by the institution, either level; empty or absent means "derive from IPC". Unknown codes
   * are dropped, so validate input with the taxonomy schemas first to report them.
   */
  strategicIndustries?: readonly string[];
  economicIndustries?: readonly string[];
}

/** The computed fields, ready to store. */
export type PatentClassificationFields = Pick<
  Patent,
  | 'ipcMain'
  | 'ipcCodes'
  | 'ipcSections'
  | 'ipcSubclasses'
  | 'strategicIndustries'
  | 'economicIndustries'
  | 'industriesDerived'
>;

/**
 * Computes the IPC and industry fields of a patent in one place, so the API, importer and indexer agree:
 * IPC symbols canonical, main first, no duplicates; sections and subclasses from them; industry tags
 * expanded to both levels. A taxonomy the institution left empty is derived from IPC through the
 * concordance, and `industriesDerived` says so. Returns null when `ipcMain` or any other symbol is
 * malformed: callers report it rather than storing a half-classified patent.
 */
export function derivePatentClassification(
  input: PatentClassificationInput,
): PatentClassificationFields | null {
  const ipcMain = normalizeIpc(input.ipcMain);
  if (ipcMain === null) return null;
  const ipcCodes = [ipcMain];
  for (const code of input.ipcCodes) {
    const normalized = normalizeIpc(code);
    if (normalized === null) return null;
    if (!ipcCodes.includes(normalized)) ipcCodes.push(normalized);
  }
  const givenStrategic = withStrategicParents(input.strategicIndustries ?? []);
  const givenEconomic = withEconomicSections(input.economicIndustries ?? []);
  const needsDerivation = givenStrategic.length === 0 || givenEconomic.length === 0;
  const derived = needsDerivation ? deriveIndustries(ipcCodes) : null;
  return {
    ipcMain,
    ipcCodes,
    ...ipcFacets(ipcCodes),
    strategicIndustries: givenStrategic.length > 0 ? givenStrategic : (derived?.strategic ?? []),
    economicIndustries: givenEconomic.length > 0 ? givenEconomic : (derived?.economic ?? []),
    industriesDerived: needsDerivation,
  };
}
