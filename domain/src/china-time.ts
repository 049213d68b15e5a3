/** China time has been UTC+8 all year since 1991, so plain arithmetic gives its wall-clock fields. */
const CHINA_OFFSET_MS = 8 * 3600_000;

/**
 * An ISO timestamp as `2024-01-21 15:17:00` in China time (the form the import reads back). Arithmetic
 * rather than toLocaleString with a time zone, which costs ~0.2 ms a call: a fifth of a 1000-row export.
 */
export function chinaTime(iso: string): string {
  return new Date(Date.parse(iso) + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** The China-time calendar year of an ISO timestamp ('2024-12-31T16:30:00Z' → '2025'). */
export function chinaYear(iso: string): string {
  return String(new Date(Date.parse(iso) + CHINA_OFFSET_MS).getUTCFullYear());
}
