import type { Config } from "@/lib/config";
import { singleLine } from "@/lib/notify/format-mail-text";

/**
 * The From of every notification: the organisation's sender address (OrgSettings.notifyFrom, whose default is
 * NOTIFY_FROM) when given, else NOTIFY_FROM, else no-reply at this gateway's SMTP host name.
 */
export function notificationSender(config: Config, displayName: string, notifyFrom?: string | null): { name: string; address: string } {
  return { name: singleLine(displayName), address: notifyFrom ?? config.NOTIFY_FROM ?? `no-reply@${config.SMTP_HOSTNAME}` };
}
