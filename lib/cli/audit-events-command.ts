import { CommandError, UsageError } from "@/lib/cli/cli-errors";
import { formatTable } from "@/lib/cli/format-table";
import { expectPositionals, parseCommandArgs } from "@/lib/cli/parse-command-args";
import { getDb } from "@/lib/db";

const MAX_EVENTS = 10_000;

/**
 * `sealpost audit events --message <id> [--json]`: every audit event about one message, oldest first, with its
 * sequence number and hash, so an operator can show a message's history from the command line; `audit verify`
 * then proves none of them was changed. `--json` prints the rows exactly as stored, one per line.
 */
export async function runAuditEvents(args: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { message: { type: "string" }, json: { type: "boolean", default: false } });
  expectPositionals(positionals, 0, "no arguments besides --message and --json");
  if (!values.message) throw new UsageError("Expected --message <id>.");
  const events = await getDb().auditEvent.findMany({ where: { messageId: values.message }, orderBy: { seq: "asc" }, take: MAX_EVENTS });
  if (events.length === 0) throw new CommandError(`No audit events name message ${values.message}. Check the id (sealpost status <id>).`);
  if (values.json) {
    for (const event of events) console.log(JSON.stringify({ ...event, data: JSON.parse(event.data) as unknown }));
    return;
  }
  console.log(
    formatTable(
      ["SEQ", "AT (UTC)", "TYPE", "ACTOR", "OUTCOME", "DETAILS"],
      events.map((event) => [
        String(event.seq),
        event.at.toISOString().replace("T", " ").slice(0, 19),
        event.type,
        [event.actorType, event.actorId].filter(Boolean).join(" "),
        event.outcome,
        event.data === "{}" ? "" : event.data,
      ]),
    ),
  );
  if (events.length === MAX_EVENTS) console.log(`Only the first ${MAX_EVENTS} events are shown; use --json and a file for all.`);
}
