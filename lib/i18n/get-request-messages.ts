import { cookies, headers } from "next/headers";
import { LOCALE_COOKIE, negotiateLocale, type Locale } from "@/lib/i18n/locales";
import { getMessages, type Messages } from "@/lib/i18n/messages";

/** The reader's language for this request (server components, actions and route handlers only). */
export async function getRequestLocale(): Promise<Locale> {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  return negotiateLocale(headerList.get("accept-language"), cookieStore.get(LOCALE_COOKIE)?.value);
}

/** The catalogue in the reader's language. */
export async function getRequestMessages(): Promise<Messages> {
  return getMessages(await getRequestLocale());
}
