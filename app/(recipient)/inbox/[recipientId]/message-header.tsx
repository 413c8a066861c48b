import { DetailList, type Detail } from "@/app/_components/detail-list";
import { formatDateTime } from "@/lib/i18n/format-date";
import type { Messages } from "@/lib/i18n/messages";
import type { AddressView, ReadableMessage } from "@/lib/portal/read/get-readable-message";

function formatAddresses(list: AddressView[]): string {
  return list.map(({ name, address }) => (name && address ? `${name} <${address}>` : name || address)).join(", ");
}

/**
 * The subject as the page's heading and the From/To/Cc/Date lines. Everything here comes from the sender and
 * is rendered as text by React (escaped); the subject never reaches the document title.
 */
export function MessageHeader({ message, t }: { message: ReadableMessage; t: Messages["read"] }) {
  const items: Detail[] = [
    { label: t.from, value: formatAddresses(message.from), testId: "message-from" },
    { label: t.to, value: formatAddresses(message.to), testId: "message-to" },
  ];
  if (message.cc.length > 0) items.push({ label: t.cc, value: formatAddresses(message.cc), testId: "message-cc" });
  if (message.date) {
    items.push({ label: t.date, value: <time dateTime={message.date.toISOString()}>{formatDateTime(message.date)}</time> });
  }
  return (
    <header className="space-y-3">
      <h1 data-testid="message-subject" className="text-2xl font-semibold wrap-anywhere">
        {message.subject || t.noSubject}
      </h1>
      <DetailList items={items} />
    </header>
  );
}
