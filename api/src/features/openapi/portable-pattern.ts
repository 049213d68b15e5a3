/**
 * zod-to-openapi writes a regex's `pattern` as `regex.toString()` without its slashes, so a flagged regex
 * leaks its flags into the pattern (`/^[0-9a-f]{24}$/i` → `^[0-9a-f]{24}$/i`), a rule no client can match.
 * JSON Schema patterns have no flags; this rewrites such a pattern into the flag-free one it means.
 * `RegExp.prototype.source` escapes every `/`, so an unescaped `/` followed by flag letters at the end can
 * only be a leak.
 */
function leakedFlags(pattern: string): { source: string; flags: string } | undefined {
  const match = /\/([dgimsuvy]+)$/.exec(pattern);
  if (!match) return undefined;
  // Unescaped when an even number of backslashes stand before the slash (`a\\/i` is `a\` with flag i).
  const backslashes = /\\*$/.exec(pattern.slice(0, match.index))![0].length;
  return backslashes % 2 === 0 ? { source: pattern.slice(0, match.index), flags: match[1]! } : undefined;
}

/** An escape whose tail must be copied whole: `\u{1F600}`, `\u00e9`, `\x41`, `\p{L}`, `\k<name>`, `\cA`, `\d`. */
const escapePattern =
  /^\\(?:u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[pP]\{[^}]*\}|k<[^>]*>|c[a-zA-Z]|[\s\S])/;
/** A group opening whose name must not be case-folded: `(?<name>`, and the look-behinds `(?<=`, `(?<!`. */
const groupPattern = /^\(\?(?:<[A-Za-z_$][\w$]*>|<[=!]|[:=!])/;

/**
 * Walks a regex source token by token: group openings are copied as they are, escapes go to `mapEscape` and
 * every other character to `map`, each with whether it stands inside a character class.
 */
function rewrite(
  source: string,
  map: (char: string, inClass: boolean, rest: string) => [string, number],
  mapEscape: (escape: string, inClass: boolean) => string = (escape) => escape,
): string {
  let out = '';
  let inClass = false;
  let i = 0;
  while (i < source.length) {
    const rest = source.slice(i);
    const token = escapePattern.exec(rest) ?? (inClass ? null : groupPattern.exec(rest));
    if (token) {
      out += token[0].startsWith('\\') ? mapEscape(token[0], inClass) : token[0];
      i += token[0].length;
      continue;
    }
    const char = rest[0]!;
    if (!inClass && char === '[') {
      inClass = true;
      const opening = rest.startsWith('[^') ? '[^' : '[';
      out += opening;
      i += opening.length;
      continue;
    }
    if (inClass && char === ']') {
      inClass = false;
      out += char;
      i++;
      continue;
    }
    const [text, length] = map(char, inClass, rest);
    out += text;
    i += length;
  }
  return out;
}

const isLetter = (char: string) => /^[a-zA-Z]$/.test(char);
const otherCase = (char: string) => (char === char.toLowerCase() ? char.toUpperCase() : char.toLowerCase());

/** The `i` flag spelled out: `a` → `[aA]` outside a class; inside one, each letter or range gains its other case. */
function foldCase(source: string): string {
  const foldLetter = (char: string, inClass: boolean) =>
    inClass ? `${char}${otherCase(char)}` : `[${char}${otherCase(char)}]`;
  return rewrite(
    source,
    (char, inClass, rest) => {
      if (!isLetter(char)) return [char, 1];
      const range = inClass ? /^([a-zA-Z])-([a-zA-Z])/.exec(rest) : null;
      if (range) {
        const [whole, from, to] = range as unknown as [string, string, string];
        return [`${whole}${otherCase(from)}-${otherCase(to)}`, whole.length];
      }
      return [foldLetter(char, inClass), 1];
    },
    // A letter written as a code (`\u0041`, `\x61`, `\u{42}`) is folded like the letter itself.
    (escape, inClass) => {
      const code = /^\\(?:u\{([0-9a-fA-F]+)\}|u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2}))$/.exec(escape);
      const hex = code?.[1] ?? code?.[2] ?? code?.[3];
      const char = hex === undefined ? '' : String.fromCodePoint(parseInt(hex, 16));
      return isLetter(char) ? foldLetter(char, inClass) : escape;
    },
  );
}

/** The `s` flag spelled out: `.` outside a class → `[\s\S]`. */
function dotAll(source: string): string {
  return rewrite(source, (char, inClass) => [char === '.' && !inClass ? '[\\s\\S]' : char, 1]);
}

/**
 * The flag-free JSON Schema pattern of a documented pattern: unchanged when no flags leaked into it; with
 * `i` folded into the classes and `s` into the dots; `g`, `y`, `d`, `u`, `v` do not change what matches.
 * Throws for `m` (per-line anchors have no flag-free spelling here), so such a schema is caught when the
 * document is built, not by a client.
 */
export function portablePattern(pattern: string): string {
  const leak = leakedFlags(pattern);
  if (!leak) return pattern;
  const { flags } = leak;
  let { source } = leak;
  if (flags.includes('m'))
    throw new Error(
      `pattern ${pattern}: the m flag cannot be documented in OpenAPI; drop it from the schema`,
    );
  if (flags.includes('s')) source = dotAll(source);
  if (flags.includes('i')) source = foldCase(source);
  return source;
}

/** Rewrites every string `pattern` of a generated document (in place) with portablePattern. */
export function fixLeakedPatterns(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) fixLeakedPatterns(item);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const record = node as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    if (key === 'pattern' && typeof value === 'string') record[key] = portablePattern(value);
    else fixLeakedPatterns(value);
  }
}
