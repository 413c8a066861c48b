import { CommandError } from "@/lib/cli/cli-errors";
import { formatTable } from "@/lib/cli/format-table";
import { expectPositionals, parseCommandArgs } from "@/lib/cli/parse-command-args";
import { readMessageTimeline, type MessageTimeline } from "@/lib/portal/sender/read-message-timeline";

/** What `status --json` has always printed: envelope facts, outcomes and attempts; the timeline's extras stay out. */
function toStatus(message: MessageTimeline) {
  return {
    id: message.id,
    source: message.source,
    envelopeFrom: message.envelopeFrom,
    forceEscrow: message.forceEscrow,
    createdAt: message.createdAt,
    recipients: message.recipients.map((r) => ({
      id: r.id,
      address: r.address,
      status: r.status,
      outcomeClass: r.outcomeClass,
      outcomeAt: r.outcomeAt,
      tlsProtocol: r.tlsProtocol,
      tlsCipher: r.tlsCipher,
      notifiedAt: r.notifiedAt,
      attempts: r.attempts.map((a) => ({
        startedAt: a.startedAt,
        durationMs: a.durationMs,
        mxHost: a.mxHost,
        mxIp: a.mxIp,
        port: a.port,
        starttlsOffered: a.starttlsOffered,
        tlsProtocol: a.tlsProtocol,
        tlsCipher: a.tlsCipher,
        certSubject: a.certSubject,
        certFingerprint: a.certFingerprint,
        failureClass: a.failureClass,
        failureDetail: a.failureDetail,
        outcome: a.outcome,
      })),
    })),
  };
}

type MessageStatus = ReturnType<typeof toStatus>;

const time = (date: Date | null) => (date ? date.toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z") : "-");

function describeAttempt(attempt: MessageStatus["recipients"][number]["attempts"][number]): string[] {
  const target = `${attempt.mxHost ?? "-"} (${attempt.mxIp ?? "-"}${attempt.port ? `:${attempt.port}` : ""})`;
  const tls = attempt.tlsProtocol
    ? `${attempt.tlsProtocol} ${attempt.tlsCipher ?? ""}`.trim()
    : attempt.starttlsOffered === false
      ? "no STARTTLS"
      : "-";
  const result = attempt.outcome === "delivered" ? "delivered" : `${attempt.failureClass ?? "failed"}: ${attempt.failureDetail ?? ""}`.trim();
  return [time(attempt.startedAt), target, tls, result];
}

function printStatus(message: MessageStatus): void {
  console.log(`Message ${message.id}`);
  console.log(`  from ${message.envelopeFrom}, via ${message.source}, accepted ${time(message.createdAt)}${message.forceEscrow ? ", escrow requested" : ""}`);
  console.log("");
  console.log(
    formatTable(
      ["RECIPIENT", "STATUS", "CLASS", "TLS", "OUTCOME AT", "NOTIFIED"],
      message.recipients.map((r) => [
        r.address,
        r.status,
        r.outcomeClass ?? "-",
        r.tlsProtocol ? `${r.tlsProtocol} ${r.tlsCipher ?? ""}`.trim() : "-",
        time(r.outcomeAt),
        time(r.notifiedAt),
      ]),
    ),
  );
  for (const recipient of message.recipients) {
    console.log("");
    if (recipient.attempts.length === 0) {
      console.log(`${recipient.address}: no delivery attempts yet.`);
      continue;
    }
    console.log(`${recipient.address}: ${recipient.attempts.length} attempt(s)`);
    console.log(formatTable(["  STARTED", "MX (IP:PORT)", "TLS", "RESULT"], recipient.attempts.map(describeAttempt).map(([first, ...rest]) => [`  ${first}`, ...rest])));
  }
}

/** `sealpost status <message-id> [--json]`: where each recipient stands and every attempt's MX, TLS and class. */
export async function runStatusCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: "boolean" } });
  const [messageId] = expectPositionals(positionals, 1, "one message id: sealpost status <message-id>");
  // The CLI runs with the operator's own rights on the server (database access), so it needs no ownership check.
  const owned = await readMessageTimeline(messageId!);
  if (!owned) throw new CommandError(`No message with id ${messageId}. The id is printed by \`sealpost send\` and returned by the API.`);
  const message = toStatus(owned.timeline);
  if (values.json) console.log(JSON.stringify(message, null, 2));
  else printStatus(message);
}
