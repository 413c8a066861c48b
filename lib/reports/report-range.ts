import { DAY_MS } from "@/lib/retention/retention-settings";

// A report covers whole UTC days, `from` to `to` inclusive (the pages show times in UTC too). Default: the last
// 30 days up to today. At most a year: each day is one grouped query (lib/reports/get-daily-outcomes.ts).

export const DEFAULT_REPORT_DAYS = 30;
export const MAX_REPORT_DAYS = 366;

export type ReportRange = {
  /** First day, YYYY-MM-DD. */
  fromDay: string;
  /** Last day, YYYY-MM-DD (inclusive). */
  toDay: string;
  /** 00:00 UTC of the first day. */
  start: Date;
  /** 00:00 UTC of the day after the last one (exclusive bound). */
  end: Date;
  /** Every day of the range, YYYY-MM-DD, oldest first. */
  days: string[];
};

export type ReportRangeProblem = "invalid-date" | "from-after-to" | "too-long";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function parseDay(value: string): Date | null {
  if (!DAY.test(value)) return null;
  const date = new Date(`${value}T00:00:00.000Z`);
  // Rejects 2026-02-30 and the like, which Date would roll over into March.
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value ? null : date;
}

export function toDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The range asked for (empty values take the defaults), or the reason it cannot be used. */
export function parseReportRange(
  input: { from?: string | null; to?: string | null },
  now: Date = new Date(),
): { ok: true; range: ReportRange } | { ok: false; problem: ReportRangeProblem } {
  const to = input.to ? parseDay(input.to) : parseDay(toDay(now));
  const from = input.from ? parseDay(input.from) : to && new Date(to.getTime() - (DEFAULT_REPORT_DAYS - 1) * DAY_MS);
  if (!from || !to) return { ok: false, problem: "invalid-date" };
  if (from > to) return { ok: false, problem: "from-after-to" };
  const count = Math.round((to.getTime() - from.getTime()) / DAY_MS) + 1;
  if (count > MAX_REPORT_DAYS) return { ok: false, problem: "too-long" };
  const days = Array.from({ length: count }, (_, i) => toDay(new Date(from.getTime() + i * DAY_MS)));
  return { ok: true, range: { fromDay: toDay(from), toDay: toDay(to), start: from, end: new Date(to.getTime() + DAY_MS), days } };
}
