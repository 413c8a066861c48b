import Link from "next/link";
import { Notice } from "@/app/_components/notice";
import { formatDateTime } from "@/lib/i18n/format-date";
import type { Messages } from "@/lib/i18n/messages";
import type { RecipientAccessBlockedError } from "@/lib/portal/require-message-access";

/** Tells the rightful recipient, in plain words, why their message no longer opens. */
export function BlockedNotice({ blocked, t }: { blocked: RecipientAccessBlockedError; t: Messages["read"] }) {
  const { recipient, message } = blocked.access;
  const expired = blocked.state === "expired";
  return (
    <Notice title={expired ? t.expiredTitle : t.revokedTitle} testId={expired ? "message-expired" : "message-revoked"}>
      <p>
        {expired && recipient.expiresAt
          ? t.expiredBody(formatDateTime(recipient.expiresAt))
          : t.revokedBody(message.fromName || message.fromAddress)}
      </p>
      <p>
        <Link href="/inbox">{t.backToInbox}</Link>
      </p>
    </Notice>
  );
}
