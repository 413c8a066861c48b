import type { SendReport } from "@/lib/notify/send-notification-mail";

/** What the audit trail keeps about how a notice left: route, result and every connection, content-free. */
export function summarizeSendReport(report: SendReport): Record<string, unknown> {
  return {
    via: report.via,
    delivered: report.delivered,
    capturedInDevMailbox: report.capturedInDevMailbox,
    attempts: report.attempts,
    ...(report.error ? { error: report.error } : {}),
  };
}
