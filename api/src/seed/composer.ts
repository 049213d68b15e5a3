import type { Rng } from './random';
import { TemplateFiller } from './template-filler';
import type { DeviceKind, FieldVocabulary, Keyed, TitlePattern } from './vocabulary/types';

/** '一种X' -> 'X'. */
export function withoutYizhong(text: string): string {
  return text.startsWith('一种') ? text.slice(2) : text;
}

/** Steps labelled S1、…；S2、… */
export function labelled(steps: readonly string[]): string {
  return steps.map((step, i) => `S${i + 1}、${step}`).join('；');
}

/** Keeps `count` of `items`: always the first and last, dropping middle ones in `dropOrder`. */
export function keep<T>(items: readonly T[], count: number, dropOrder: readonly number[]): T[] {
  const dropped = new Set(dropOrder.slice(0, Math.max(0, items.length - count)));
  return items.filter((_, i) => !dropped.has(i));
}

/** First clause of a step, for 'X模块，用于…'. */
export function firstClause(step: string): string {
  const comma = step.indexOf('，');
  return comma > 0 ? step.slice(0, comma) : step;
}

/** The state of composing one patent text: its filler, wording (本发明/本实用新型) and device kind. */
export class Composer {
  readonly filler: TemplateFiller;
  readonly who: string;
  /** The kind of device of a device pattern; its names fill `{device}`. */
  readonly kind: DeviceKind | null;
  private readonly key: string;

  constructor(
    readonly rng: Rng,
    readonly field: FieldVocabulary,
    readonly pattern: TitlePattern,
    utilityModel: boolean,
  ) {
    this.filler = new TemplateFiller(rng, field);
    this.who = utilityModel ? '本实用新型' : '本发明';
    this.key = pattern.archetype === 'device' ? 'device' : (pattern.stages ?? 'default');
    this.kind = pattern.archetype === 'device' && field.devices.length > 0 ? rng.pick(field.devices) : null;
    if (this.kind) this.filler.restrict('device', this.kind.names);
  }

  /** The list for this pattern's stage list (or 'device'), else the field default. */
  keyed(lists: Keyed): readonly string[] {
    return lists[this.key] ?? lists.default ?? [];
  }

  fill(template: string): string {
    return this.filler.fill(template);
  }

  some(templates: readonly string[], k: number): string[] {
    return this.rng.sample(templates, k).map((t) => this.fill(t));
  }

  stages(): string[] {
    const key = this.pattern.stages;
    const stages = key ? this.field.stages[key] : undefined;
    if (!stages) throw new Error(`pattern "${this.pattern.title}" of ${this.field.key} has no stages`);
    // Stages with the most alternatives are parallel routes: keep one route through all of them.
    const routes = Math.max(...stages.map((alternatives) => alternatives.length));
    const route = this.rng.int(0, routes - 1);
    return stages.map((alternatives) =>
      this.fill(
        (alternatives.length === routes ? alternatives[route] : undefined) ?? this.rng.pick(alternatives),
      ),
    );
  }

  /** 本发明公开了一种… / 本发明涉及…技术领域，具体公开了一种… */
  lead(subject: string): string {
    const yizhong = subject.startsWith('一种') ? '' : '一种';
    const roll = this.rng.next();
    if (roll < 0.25) return `${this.who}涉及${this.field.domain}技术领域，具体公开了${yizhong}${subject}`;
    if (roll < 0.4) return `${this.who}提供了${yizhong}${subject}`;
    return `${this.who}公开了${yizhong}${subject}`;
  }

  effectLead(): string {
    return this.rng.pick([
      `${this.who}`,
      `${this.who}`,
      `与现有技术相比，${this.who}`,
      `${this.who}的有益效果是：`,
    ]);
  }
}
