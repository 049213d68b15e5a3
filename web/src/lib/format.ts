/** A date-time of the API (ISO, UTC) as China time: 2024-01-21 23:17:51. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const china = new Date(date.getTime() + 8 * 3_600_000);
  return china.toISOString().slice(0, 19).replace('T', ' ');
}

/** Only the date part (China time): 2024-01-21. */
export function formatDate(iso: string | null | undefined): string {
  return formatDateTime(iso).slice(0, 10);
}
