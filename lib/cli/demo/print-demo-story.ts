import type { DemoOutcome } from "@/lib/cli/demo/wait-for-demo-outcomes";
import { DEMO_SUBJECT } from "@/lib/cli/demo/send-demo-messages";
import type { ReceivedMail } from "@/lib/cli/demo/start-demo-peers";
import { describeFailure } from "@/lib/delivery/describe-failure";
import { FAILURE_CLASSES, type FailureClass } from "@/lib/delivery/failure-class";

function isFailureClass(value: string | null): value is FailureClass {
  return (FAILURE_CLASSES as readonly (string | null)[]).includes(value);
}

const asFailureClass = (value: string | null): FailureClass | null => (isFailureClass(value) ? value : null);

function describeOutcome(address: string, outcome: DemoOutcome | undefined): string[] {
  if (!outcome) return [`${address}: was not queued; see the errors above.`];
  const attempt = outcome.attempts[0];
  const mx = attempt ? `${attempt.mxHost ?? "?"} (${attempt.mxIp ?? "?"}:${attempt.port ?? "?"})` : "its mail server";
  switch (outcome.status) {
    case "delivered":
      return [
        `${address}: DELIVERED to ${mx} over ${outcome.tlsProtocol ?? "TLS"} with cipher ${outcome.tlsCipher ?? "?"}.`,
        `  The certificate was verified before anything was sent: ${attempt?.certSubject ?? "?"}, issued by ${attempt?.certIssuer ?? "?"}.`,
      ];
    case "escrowed": {
      const failure = asFailureClass(outcome.outcomeClass);
      const reason = attempt?.failureDetail ?? (failure ? describeFailure(failure) : "the domain policy or the sender asked for the portal");
      return [
        `${address}: ESCROWED: ${reason.replace(/\.$/, "")}.`,
        "  The message was never sent there; it stays sealed (AES-256-GCM) in Sealpost for the recipient to open in the portal.",
        outcome.notifiedAt ? "  The recipient was sent a notification with a one-time portal link instead." : "  The notification has not been sent yet.",
      ];
    }
    case "queued":
      return [`${address}: still queued after a minute (${attempt?.failureClass ?? "no attempt yet"}). Follow it with \`sealpost status\`.`];
    default:
      return [`${address}: ${outcome.status.toUpperCase()}. ${describeFailure(asFailureClass(outcome.outcomeClass))}`];
  }
}

/** The demo's result in plain words: what happened to each message and what each MX actually received. */
export function printDemoStory(input: { outcomes: Map<string, DemoOutcome>; addresses: string[]; received: ReceivedMail[]; mailboxUrl: string | null }): void {
  const lines = ["", "What happened:"];
  for (const address of input.addresses) lines.push(...describeOutcome(address, input.outcomes.get(address)).map((line) => `  ${line}`));
  lines.push("", "What the demo MX hosts received:");
  if (input.received.length === 0) lines.push("  nothing");
  for (const mail of input.received) {
    const kind = mail.subject === DEMO_SUBJECT ? "" : " (a notification: no message content)";
    lines.push(`  ${mail.mx}: "${mail.subject}"${kind} for ${mail.to.join(", ")}, ${mail.encrypted ? "over TLS" : "unencrypted"}`);
  }
  if (input.mailboxUrl) {
    lines.push("", `Notifications are captured in the dev mailbox: ${input.mailboxUrl}`, "(sign in as an admin; create the first admin with the one-time link printed above).");
  }
  const outcomes = [...input.outcomes.values()];
  if (outcomes.length > 0) {
    lines.push("", "Every attempt, with TLS details:", ...outcomes.map((o) => `  npx sealpost status ${o.messageId}   (${o.address})`));
  }
  lines.push("", "The demo keeps running so you can look around. Press Ctrl-C to stop.", "");
  console.log(lines.join("\n"));
}
