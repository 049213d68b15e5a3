/**
 * Fitting generated text into a length range by choosing how many optional pieces (steps, effects,
 * dependent claims…) to include, instead of cutting sentences.
 */

/** An inclusive length range in characters. */
export interface Range {
  readonly min: number;
  readonly max: number;
}

// Setting orders recur (few knob shapes), so they are computed once each.
const orders = new Map<string, readonly (readonly number[])[]>();

/** Every setting of the knobs, nearest to the preferred one first (ties in enumeration order). */
function orderedSettings(
  knobs: readonly (readonly [number, number])[],
  prefer: readonly number[],
): readonly (readonly number[])[] {
  const key = `${knobs.join(';')}|${prefer.join(',')}`;
  const cached = orders.get(key);
  if (cached) return cached;
  let settings: number[][] = [[]];
  for (const [low, high] of knobs) {
    const next: number[][] = [];
    for (const partial of settings) for (let v = low; v <= high; v++) next.push([...partial, v]);
    settings = next;
  }
  const distance = (setting: readonly number[]) =>
    setting.reduce((sum, v, i) => sum + Math.abs(v - (prefer[i] ?? 0)), 0);
  settings.sort((a, b) => distance(a) - distance(b));
  orders.set(key, settings);
  return settings;
}

/**
 * Picks the knob setting whose rendering falls within `range` and is closest to `prefer`; with none in
 * range, the least-violating one, cut back to the range at a clause boundary. `knobs` are inclusive
 * [low, high] ranges. Everything random is drawn before, so rendering is pure and retrying is cheap.
 */
export function fit(
  knobs: readonly (readonly [number, number])[],
  prefer: readonly number[],
  range: Range,
  render: (setting: readonly number[]) => string,
): string {
  const settings = orderedSettings(knobs, prefer);
  let best = '';
  let bestOutside = Infinity;
  for (const setting of settings) {
    const text = render(setting);
    const outside =
      text.length < range.min
        ? range.min - text.length
        : text.length > range.max
          ? text.length - range.max
          : 0;
    if (outside === 0) return text;
    if (outside < bestOutside) {
      bestOutside = outside;
      best = text;
    }
  }
  return clampText(best, range.max);
}

/** Cuts text longer than `max` after the last clause that fits, ending it with '。'. */
export function clampText(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max - 1);
  const cut = Math.max(head.lastIndexOf('；'), head.lastIndexOf('。'), head.lastIndexOf('，'));
  return `${head.slice(0, cut > 0 ? cut : max - 1)}。`;
}
