/** A calendar date written as ISO 8601 says it, YYYY-MM-DD, that exists (no 2026-02-30): what a report's date may be. */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export const ISO_DATE_MESSAGE = "a date is written year-month-day, like 2026-11-25";
