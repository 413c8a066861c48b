import Link from "next/link";
import { Notice } from "@/app/_components/notice";
import { getRequestMessages } from "@/lib/i18n/get-request-messages";

export default async function NotFound() {
  const t = await getRequestMessages();
  return (
    <Notice title={t.errors.notFoundTitle} testId="not-found">
      <p>{t.errors.notFoundBody}</p>
      <p>
        <Link href="/">{t.common.home}</Link>
      </p>
    </Notice>
  );
}
