import { z } from "zod";
import { AUDIT_EVENT_TYPES, type AuditOutcome } from "@/lib/audit/event-types";

// The audit search filters as they arrive in the query string (the search page, the export route and its
// links share them). Anything unusable is dropped rather than refused, as on /sent: a bookmarked or
// hand-edited URL still shows a list, and the form shows which filters were applied.

export const AUDIT_OUTCOMES = ["success", "failure", "denied"] as const satisfies readonly AuditOutcome[];

// <input type="datetime-local"> sends "2026-03-01T14:05" (seconds optional). Pages show times in UTC and label
// the inputs so, so the value is read as UTC.
// "To" includes the whole minute (or second) it names: "to 14:05" keeps an event at 14:05:30.
const localDateTime = (end: "start" | "end") =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/)
    .transform((value) => {
      const minuteOnly = value.length === 16;
      const start = new Date(`${minuteOnly ? `${value}:00` : value}.000Z`);
      return end === "start" ? start : new Date(start.getTime() + (minuteOnly ? 59_999 : 999));
    })
    .refine((date) => !Number.isNaN(date.getTime()));

const text = (max: number) =>
  z.string().trim().max(max).transform((value) => value || undefined).optional().catch(undefined);

const schema = z.object({
  from: localDateTime("start").optional().catch(undefined),
  to: localDateTime("end").optional().catch(undefined),
  actor: text(320),
  sender: text(320),
  recipient: text(320),
  messageId: z.string().trim().regex(/^[A-Za-z0-9_-]{1,64}$/).optional().catch(undefined),
  type: z.enum(AUDIT_EVENT_TYPES).optional().catch(undefined),
  outcome: z.enum(AUDIT_OUTCOMES).optional().catch(undefined),
});

export type AuditFilter = z.infer<typeof schema>;

const FILTER_KEYS = ["from", "to", "actor", "sender", "recipient", "messageId", "type", "outcome"] as const;

type QueryInput = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** Reads the filters from searchParams-like input (first value of repeated keys). */
export function parseAuditFilter(input: QueryInput): AuditFilter {
  return schema.parse(Object.fromEntries(FILTER_KEYS.map((key) => [key, first(input[key])])));
}

/** The page cursor: show events with a smaller seq than this (older ones). */
export function parseBeforeCursor(input: QueryInput): number | undefined {
  const value = Number(first(input.before));
  return Number.isSafeInteger(value) && value > 0 ? value : undefined;
}

/** The datetime-local value for a date read as UTC ("2026-03-01T14:05"). */
export function toLocalDateTimeValue(date: Date | undefined): string {
  return date ? date.toISOString().slice(0, 16) : "";
}

export function isFiltered(filter: AuditFilter): boolean {
  return FILTER_KEYS.some((key) => filter[key] !== undefined);
}

/** The filter as query parameters, in the form the inputs send them (so links round-trip). */
export function auditFilterQuery(filter: AuditFilter): URLSearchParams {
  const query = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filter[key];
    if (value === undefined) continue;
    query.set(key, value instanceof Date ? toLocalDateTimeValue(value) : value);
  }
  return query;
}

/** The filter as JSON-safe values, for audit data (`audit.exported {filter}`). */
export function describeAuditFilter(filter: AuditFilter): Record<string, string> {
  return Object.fromEntries(
    FILTER_KEYS.flatMap((key) => {
      const value = filter[key];
      return value === undefined ? [] : [[key, value instanceof Date ? value.toISOString() : value]];
    }),
  );
}
