import { recordAuditEvent } from "@/lib/audit/record-event";
import type { AuditCheckpoint } from "@/lib/audit/checkpoint-file";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { DEFAULT_LOCALE } from "@/lib/i18n/locales";
import { notificationSender } from "@/lib/notify/notification-sender";
import { renderBrandedEmail } from "@/lib/notify/render-branded-email";
import { sendNotificationMail, type SendReport } from "@/lib/notify/send-notification-mail";
import { summarizeSendReport } from "@/lib/notify/summarize-send-report";
import { getBranding } from "@/lib/settings/get-branding";
import { getOrgSettings } from "@/lib/settings/org-settings";

export type CheckpointEmail = "sent" | "failed" | "off";

/**
 * Mails a copy of a checkpoint line to AUDIT_CHECKPOINT_EMAIL, through the same outbound path as every other
 * notice (relay or direct, DKIM, dev mailbox). The copy lives in someone else's mailbox, out of reach of whoever
 * can rewrite this server's database and files. Sent once, right after the checkpoint committed: the
 * checkpoint file is the durable record, so no job is queued. A failure is audited (`notification.failed`),
 * which also moves the chain head, so the next due checkpoint is written and mailed again.
 */
export async function emailCheckpoint(checkpoint: AuditCheckpoint, line: string, publicKeyPem: string): Promise<CheckpointEmail> {
  const config = getConfig();
  const to = config.AUDIT_CHECKPOINT_EMAIL;
  if (!to) return "off";
  let report: SendReport;
  try {
    const heading = `Audit checkpoint #${checkpoint.seq}`;
    const { html, text } = await renderBrandedEmail({
      locale: DEFAULT_LOCALE,
      preheader: `The audit log's head at ${checkpoint.at}, signed with key ${checkpoint.keyId}.`,
      heading,
      paragraphs: [
        `Sealpost signed the head of its audit log. Keep this email: if the log is ever rewritten, this checkpoint no longer matches and "sealpost audit verify --checkpoints" names the event.`,
        "Checkpoint (one line of checkpoints.jsonl):",
        line,
        `Signing key ${checkpoint.keyId}:`,
        publicKeyPem.trim(),
      ],
    });
    const [{ orgName }, settings] = await Promise.all([getBranding(), getOrgSettings()]);
    const from = notificationSender(config, orgName, settings.notifyFrom);
    report = await sendNotificationMail({ from, to, subject: heading, text, html }, from.address);
  } catch (error) {
    report = { sent: false, via: config.SMTP_RELAY_URL ? "relay" : "direct", delivered: false, capturedInDevMailbox: false, attempts: [], error: (error as Error).message.slice(0, 500) };
  }
  if (report.sent) return "sent";
  console.error(`[audit] checkpoint #${checkpoint.seq} could not be mailed to AUDIT_CHECKPOINT_EMAIL: ${report.error ?? "not sent"}`);
  await getDb().$transaction((tx) =>
    recordAuditEvent(tx, {
      type: "notification.failed",
      actorType: "system",
      outcome: "failure",
      data: { notice: "audit-checkpoint", tries: 1, seq: checkpoint.seq, ...summarizeSendReport(report) },
    }),
  );
  return "failed";
}
