import type { EconomicDivisionCode } from '@panhuo/domain/taxonomies/economic-industries';
import type { StrategicSubcategoryCode } from '@panhuo/domain/taxonomies/strategic-industries';

/**
 * Shapes of patent text. Each title pattern belongs to one, which decides how its abstract and claims
 * are composed (see ../compose-text.ts):
 * - process: a method with ordered steps S1…Sn (preparation, treatment, construction, detection);
 * - algorithm: a computer-implemented method (steps + system/device claims);
 * - device: a product made of numbered parts (also 实用新型);
 * - formula: a composition in parts by weight plus its preparation;
 * - use: a known substance used for a new purpose (在制备…中的应用).
 */
export type Archetype = 'process' | 'algorithm' | 'device' | 'formula' | 'use';

/**
 * Templates use `{slot}` for a word from `words` (field first, then the common words) and `{#a-b}` or
 * `{#a-b/step}` for a number in [a, b] (decimals as many as the bounds show). A slot used in the title is
 * bound: every later `{slot}` of the same record repeats the title's word, so abstract and claims talk
 * about the same thing. Word lists may themselves contain placeholders.
 */
export interface TitlePattern {
  archetype: Archetype;
  title: string;
  /** The noun dependent claims refer back to: 根据权利要求1所述的{noun}. */
  noun: string;
  /** Subject of claim 1 when it is not the title (e.g. title 'X及其制备方法', claim 'X的制备方法'). */
  claimSubject?: string;
  /** Key into `stages` for process, algorithm, formula (its preparation) and use. */
  stages?: string;
  /** Main IPC symbols suited to this pattern; default the field's `ipcMain`. */
  ipc?: readonly string[];
}

/**
 * One ordered list of stages; each stage lists interchangeable sentences. Stages with the most
 * alternatives are read as parallel routes: alternative i of one goes with alternative i of the next.
 */
export type Stages = readonly (readonly string[])[];

/** Word lists keyed by stage-list key, 'device', or 'default'. */
export type Keyed = Readonly<Record<string, readonly string[]>>;

/** A kind of device with its own components (at least 7, numbered in claims) and how it works. */
export interface DeviceKind {
  names: readonly string[];
  parts: readonly string[];
  /** Sentences with `{part}` drawn from this device's parts. */
  working: readonly string[];
}

/** Everything the generator knows about one technical field. */
export interface FieldVocabulary {
  /** Stable key, used in institution strengths. */
  key: string;
  /** Chinese name of the field (shown nowhere, helps reading). */
  name: string;
  /** Fills 本发明涉及{domain}技术领域. */
  domain: string;
  /** Main IPC symbols in canonical form ('H01M 4/36'); subclasses must be in the domain IPC list. */
  ipcMain: readonly string[];
  /** Further symbols a patent of the field often also carries. */
  ipcSecondary: readonly string[];
  /** Explicit tags when a record's industries are not derived from its IPC. */
  strategic: readonly StrategicSubcategoryCode[];
  economic: readonly EconomicDivisionCode[];
  words: Readonly<Record<string, readonly string[]>>;
  titles: readonly TitlePattern[];
  stages: Readonly<Record<string, Stages>>;
  /** For algorithm stages: the system module carrying out each stage, by stage list key. */
  modules?: Readonly<Record<string, readonly string[]>>;
  /** Kinds of devices, for device patterns: `{device}` in the title is drawn from the kind's names. */
  devices: readonly DeviceKind[];
  /**
   * Features for dependent claims, beneficial effects (phrased to follow 本发明 / 该方法) and prior-art
   * problems (to follow 解决了现有技术中), each keyed by the stage list a pattern uses, 'device' for
   * device patterns, with 'default' as the fallback.
   */
  details: Keyed;
  effects: Keyed;
  problems: Keyed;
  /** Application scenarios for 建档信息 and abstracts. */
  scenarios: readonly string[];
  /** 外观设计 products: [name, use]. */
  designs: readonly (readonly [string, string])[];
  /** Themes for portfolios (组合专利) in this field. */
  portfolioTopics: readonly string[];
  /** Business words of co-applicant companies: '新能源科技' -> 杭州瑞博新能源科技有限公司. */
  partnerTrades: readonly string[];
}
