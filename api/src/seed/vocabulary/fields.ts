import { advancedMaterials } from './advanced-materials';
import { aerospace } from './aerospace';
import { agriculture } from './agriculture';
import { artificialIntelligence } from './artificial-intelligence';
import { battery } from './battery';
import { biomedicine } from './biomedicine';
import { catalysis } from './catalysis';
import { civilEngineering } from './civil-engineering';
import { communication } from './communication';
import { environment } from './environment';
import { food } from './food';
import { intelligentManufacturing } from './intelligent-manufacturing';
import { medicalDevice } from './medical-device';
import { metals } from './metals';
import { newEnergyVehicle } from './new-energy-vehicle';
import { photovoltaic } from './photovoltaic';
import { powerGrid } from './power-grid';
import { semiconductor } from './semiconductor';
import { textile } from './textile';
import type { FieldVocabulary } from './types';

/** Every technical field the seed generator writes patents in, in a fixed order (part of determinism). */
export const fieldVocabularies: readonly FieldVocabulary[] = [
  battery,
  photovoltaic,
  newEnergyVehicle,
  semiconductor,
  artificialIntelligence,
  communication,
  biomedicine,
  medicalDevice,
  advancedMaterials,
  metals,
  catalysis,
  environment,
  agriculture,
  intelligentManufacturing,
  civilEngineering,
  aerospace,
  food,
  textile,
  powerGrid,
];

/** Field key -> vocabulary. */
export const fieldByKey: ReadonlyMap<string, FieldVocabulary> = new Map(
  fieldVocabularies.map((f) => [f.key, f]),
);

/** The field for a key; throws on an unknown key (a typo in institution strengths). */
export function getField(key: string): FieldVocabulary {
  const field = fieldByKey.get(key);
  if (!field) throw new Error(`unknown seed field "${key}"`);
  return field;
}

/** Field keys, for typing institution strengths. */
export type FieldKey =
  | 'battery'
  | 'photovoltaic'
  | 'new-energy-vehicle'
  | 'semiconductor'
  | 'artificial-intelligence'
  | 'communication'
  | 'biomedicine'
  | 'medical-device'
  | 'advanced-materials'
  | 'metals'
  | 'catalysis'
  | 'environment'
  | 'agriculture'
  | 'intelligent-manufacturing'
  | 'civil-engineering'
  | 'aerospace'
  | 'food'
  | 'textile'
  | 'power-grid';
