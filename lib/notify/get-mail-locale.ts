import { getDb } from "@/lib/db";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/i18n/locales";

/**
 * The language for an email to `address`: the language its account chose (User.locale, set by the switcher),
 * else the organisation's default. Addresses are stored lower-cased (one User per address).
 */
export async function getMailLocale(address: string): Promise<Locale> {
  const user = await getDb().user.findUnique({ where: { email: address.trim().toLowerCase() }, select: { locale: true } });
  const locale = user?.locale?.split("-")[0];
  return isLocale(locale) ? locale : DEFAULT_LOCALE;
}
