import type { Rng } from './random';
import { commonWords } from './vocabulary/common';
import type { FieldVocabulary } from './vocabulary/types';

const placeholder = /\{([^{}]+)\}/g;
const numberSpec = /^#(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)(?:\/(\d+(?:\.\d+)?))?$/;

function decimals(text: string | undefined): number {
  const dot = text?.indexOf('.') ?? -1;
  return text && dot >= 0 ? text.length - dot - 1 : 0;
}

/**
 * Fills the templates of one record (syntax in vocabulary/types.ts). It remembers what it chose: slots
 * filled while binding (the title) keep their word for the whole record, and other slots avoid repeating
 * a word already used in the record, so '将{raw}与{raw}混合' names two different raw materials.
 */
export class TemplateFiller {
  private readonly bound = new Map<string, string>();
  private readonly used = new Map<string, Set<string>>();
  private readonly overrides = new Map<string, readonly string[]>();

  constructor(
    private readonly rng: Rng,
    private readonly field: FieldVocabulary,
  ) {}

  /** Restricts a slot to the given words (a device's own parts for `{part}`). */
  restrict(slot: string, words: readonly string[]): void {
    this.overrides.set(slot, words);
  }

  /** The word bound to a slot, if any. */
  boundWord(slot: string): string | undefined {
    return this.bound.get(slot);
  }

  /**
   * Fills `template`. With `bind`, every slot filled here stays bound for later calls. `literal` supplies
   * fixed values for some slots (they are not drawn and not bound).
   */
  fill(template: string, bind = false, literal?: Readonly<Record<string, string>>, depth = 0): string {
    if (depth > 3) throw new Error(`template nests too deep: ${template}`);
    return template.replace(placeholder, (_, spec: string) => {
      if (literal && Object.hasOwn(literal, spec)) return literal[spec] ?? '';
      if (spec.startsWith('#')) return this.number(spec);
      const fixed = this.bound.get(spec);
      if (fixed !== undefined) return fixed;
      const word = this.fill(this.draw(spec), bind, literal, depth + 1);
      if (bind) this.bound.set(spec, word);
      return word;
    });
  }

  /** One word for a slot, avoiding words this record already used for it when possible. */
  private draw(slot: string): string {
    const words = this.overrides.get(slot) ?? this.field.words[slot] ?? commonWords[slot];
    if (!words || words.length === 0) throw new Error(`no words for {${slot}} in field ${this.field.key}`);
    let used = this.used.get(slot);
    if (!used) {
      used = new Set();
      this.used.set(slot, used);
    }
    let word = this.rng.pick(words);
    for (let tries = 0; used.has(word) && tries < 4; tries++) word = this.rng.pick(words);
    used.add(word);
    return word;
  }

  private number(spec: string): string {
    const match = numberSpec.exec(spec);
    if (!match?.[1] || !match[2]) throw new Error(`bad number placeholder {${spec}}`);
    const places = Math.max(decimals(match[1]), decimals(match[2]), decimals(match[3]));
    const low = Number(match[1]);
    const high = Number(match[2]);
    const step = match[3] ? Number(match[3]) : 10 ** -places;
    const steps = Math.floor((high - low) / step + 1e-9);
    return (low + this.rng.int(0, steps) * step).toFixed(places);
  }
}
