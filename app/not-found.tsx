import Link from "next/link";
import { Notice } from "@/app/_components/notice";
import { getMessages } from "@/lib/i18n/messages";

export default function NotFound() {
  const t = getMessages();
  return (
    <Notice title={t.errors.notFoundTitle} testId="not-found">
      <p>{t.errors.notFoundBody}</p>
      <p>
        <Link href="/">{t.common.home}</Link>
      </p>
    </Notice>
  );
}
