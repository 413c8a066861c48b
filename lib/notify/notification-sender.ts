import type { Config } from "@/lib/config";
import { singleLine } from "@/lib/notify/format-mail-text";

/** The From of every notification: NOTIFY_FROM, else no-reply at this gateway's SMTP host name. */
export function notificationSender(config: Config, displayName: string): { name: string; address: string } {
  return { name: singleLine(displayName), address: config.NOTIFY_FROM ?? `no-reply@${config.SMTP_HOSTNAME}` };
}
