import { readFile } from "node:fs/promises";
import MailComposer from "nodemailer/lib/mail-composer";
import { CommandError, UsageError } from "@/lib/cli/cli-errors";
import { parseCommandArgs } from "@/lib/cli/parse-command-args";
import { acceptMessage } from "@/lib/intake/accept-message";
import { IntakeError } from "@/lib/intake/intake-error";

const OPTIONS = {
  from: { type: "string" },
  to: { type: "string", multiple: true },
  subject: { type: "string" },
  text: { type: "string" },
  file: { type: "string" },
} as const;

/**
 * `sealpost send`: queue a message from the command line through the same intake as SMTP, so it is sealed,
 * policy-checked and delivered (or escrowed) like any other.
 */
export async function runSendCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS);
  const recipients = values.to ?? [];
  if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}" (recipients go after --to).`);
  if (!values.from || recipients.length === 0) throw new UsageError("send needs --from and at least one --to.");
  if (values.file !== undefined && (values.text !== undefined || values.subject !== undefined)) {
    throw new UsageError("Use either --file <message.eml> or --subject/--text, not both.");
  }
  if (values.file === undefined && values.text === undefined) throw new UsageError("send needs --text <body> or --file <message.eml>.");

  const raw =
    values.file !== undefined
      ? await readFile(values.file)
      : await new MailComposer({ from: values.from, to: recipients, subject: values.subject ?? "", text: values.text }).compile().build();
  const result = await acceptMessage({
    source: "cli",
    raw,
    envelopeFrom: values.from,
    recipients,
    actor: { type: "system", id: "cli" },
  }).catch((error: unknown) => {
    if (error instanceof IntakeError) throw new CommandError(`Not queued: ${error.message}`);
    throw error;
  });
  console.log(`Queued message ${result.messageId} for ${result.recipients.map((r) => r.address).join(", ")}.`);
  console.log(`Follow it with: sealpost status ${result.messageId}`);
}
