import { z } from "zod";
import { RECIPIENT_STATES } from "@/lib/portal/sender/recipient-state";

// The /sent filters as they arrive in the query string. Anything unusable is dropped rather than refused: a
// bookmarked or hand-edited URL still shows a list.
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).transform((value) => new Date(`${value}T00:00:00.000Z`)).refine((date) => !Number.isNaN(date.getTime()));

const schema = z.object({
  status: z.enum(RECIPIENT_STATES).optional().catch(undefined),
  recipient: z.string().trim().max(320).optional().catch(undefined).transform((value) => value || undefined),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

export type SentFilters = z.infer<typeof schema>;

/** Reads filters from searchParams-like input (first value of repeated keys). */
export function parseSentFilters(input: Record<string, string | string[] | undefined>): SentFilters {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  return schema.parse({
    status: first(input.status),
    recipient: first(input.recipient),
    from: first(input.from),
    to: first(input.to),
    page: first(input.page),
  });
}
