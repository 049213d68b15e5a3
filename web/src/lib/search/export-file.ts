/**
 * 导出 helpers for the browser: the file name the API proposes and the limits the manual sets. Pure.
 */

/** The manual's limit: 每次最多导出 1000 条. */
export const MAX_EXPORT_ROWS = 1000;

/**
 * The file name of a `Content-Disposition` header: the RFC 5987 `filename*` (UTF-8, percent-encoded) when
 * present, else the plain `filename`, else `fallback`.
 */
export function fileNameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // Malformed escapes: fall through to the plain name.
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/.exec(header);
  const name = (plain?.[1] ?? plain?.[2])?.trim();
  return name || fallback;
}

/**
 * Reads the 导出条数 input: a whole number from 1 to 1000, else null (the form shows why). Full-width
 * digits typed with a Chinese IME are accepted.
 */
export function parseExportLimit(text: string): number | null {
  const normalized = text.normalize('NFKC').trim();
  if (!/^\d+$/.test(normalized)) return null;
  const n = Number(normalized);
  return n >= 1 && n <= MAX_EXPORT_ROWS ? n : null;
}
