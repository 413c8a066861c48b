"use client";

import { useSyncExternalStore } from "react";
import { Notice } from "@/app/_components/notice";
import { isLocale } from "@/lib/i18n/locales";
import { getMessages } from "@/lib/i18n/messages";

const subscribe = () => () => {};
// The root layout sets <html lang> from the request's language; a client component reads it back from there.
const documentLang = () => document.documentElement.lang;

// Shown for unexpected server errors. The error's message is not displayed: it may name internals.
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const lang = useSyncExternalStore(subscribe, documentLang, () => "en");
  const t = getMessages(isLocale(lang) ? lang : "en").errors;
  return (
    <Notice title={t.errorTitle} testId="error-page">
      <p>{t.errorBody}</p>
      <button type="button" onClick={reset} className="rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
        {t.tryAgain}
      </button>
    </Notice>
  );
}
