"use client";

import { Notice } from "@/app/_components/notice";
import { getMessages } from "@/lib/i18n/messages";

// Shown for unexpected server errors. The error's message is not displayed: it may name internals.
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = getMessages().errors;
  return (
    <Notice title={t.errorTitle} testId="error-page">
      <p>{t.errorBody}</p>
      <button type="button" onClick={reset} className="rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
        {t.tryAgain}
      </button>
    </Notice>
  );
}
