// The demo's calendar as the server makes it (app/src/seed/calendar.rs and seed/reports.rs):
// the demo is built from the day it is made, so the specs find its years and periods the same
// way — on any day, and with the clock moved by OCOP_CLOCK_OFFSET_DAYS (which run.mjs hands to
// the server too).
const DAY = 86_400_000;

/** Today in Vietnam (UTC+7), as a UTC midnight. */
export function today(): Date {
  const offset = Number(process.env.OCOP_CLOCK_OFFSET_DAYS ?? 0) || 0;
  const t = new Date(Date.now() + offset * DAY + 7 * 3_600_000);
  return new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate()));
}

/** The year of the demo's open round; last year's round is the last one decided. */
export function demoYear(): number {
  return new Date(today().getTime() + 21 * DAY).getUTCFullYear();
}

export type Period = { kind: "half_year" | "annual"; year: number; title: string };

/**
 * The communes' periods seen from today: the current one (ending today or later), the last
 * one (Chi Lăng's left unwritten, overdue) and the one before (accepted).
 */
export function communePeriods(): { current: Period; last: Period; beforeLast: Period } {
  const t = today().getTime();
  const y = today().getUTCFullYear();
  const all: (Period & { ends: number })[] = [];
  for (let year = y - 2; year <= y + 1; year++) {
    all.push({ kind: "half_year", year, title: `6 tháng đầu năm ${year}`, ends: Date.UTC(year, 5, 30) });
    all.push({ kind: "annual", year, title: `năm ${year}`, ends: Date.UTC(year, 11, 31) });
  }
  const now = all.findIndex((p) => p.ends >= t);
  const plain = ({ kind, year, title }: Period) => ({ kind, year, title });
  return { current: plain(all[now]), last: plain(all[now - 1]), beforeLast: plain(all[now - 2]) };
}

/** The year of the Department's last nine-month report (due 25 September). */
export function lastNineMonthYear(): number {
  const t = today();
  const y = t.getUTCFullYear();
  return t.getTime() > Date.UTC(y, 8, 25) ? y : y - 1;
}

/** The locator of a period's row on /reports. */
export function periodRow(p: { kind: string; year: number }): string {
  return `[data-testid="period-row"][data-kind="${p.kind}"][data-year="${p.year}"]`;
}
