import type { z } from "zod";
import { AUDIT_EVENT_SCHEMAS } from "@/lib/audit/event-schemas";
import type { AuditEventType } from "@/lib/audit/event-types";

/** A caller passed `data` that does not fit its event type's schema: a bug in that caller, not bad input. */
export class AuditEventDataError extends Error {
  constructor(
    readonly type: string,
    readonly field: string,
    detail: string,
  ) {
    super(
      `Audit event "${type}" was not recorded: ${field} ${detail}. ` +
        "The transaction it was part of rolls back; pass the shape listed in lib/audit/event-schemas.ts.",
    );
    this.name = "AuditEventDataError";
  }
}

/**
 * Checks an event's data against its type's schema (extra keys pass). Throws AuditEventDataError naming the
 * type and the first field that does not fit. The error names fields and expected types, never values.
 */
export function checkAuditEventData(type: AuditEventType, data: unknown): void {
  const schema: z.ZodType | undefined = Object.hasOwn(AUDIT_EVENT_SCHEMAS, type) ? AUDIT_EVENT_SCHEMAS[type] : undefined;
  if (!schema) throw new AuditEventDataError(type, "type", "is not in the audit vocabulary (lib/audit/event-types.ts)");
  const result = schema.safeParse(data);
  if (result.success) return;
  const issue = firstLeafIssue(result.error.issues[0]);
  const field = ["data", ...(issue?.path ?? []).map(String)].join(".");
  const missing = issue !== undefined && valueAt(data, issue.path) === undefined;
  throw new AuditEventDataError(type, field, missing ? "is missing" : `does not fit (${issue?.message ?? "invalid"})`);
}

/** A union (settings.changed) reports one issue per branch: name the first branch's first problem. */
function firstLeafIssue(issue: z.core.$ZodIssue | undefined): z.core.$ZodIssue | undefined {
  if (issue?.code !== "invalid_union") return issue;
  const inner = firstLeafIssue(issue.errors[0]?.[0]);
  return inner ? { ...inner, path: [...issue.path, ...inner.path] } : issue;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
