import type { Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/locales";

/** Remembers the signed-in person's language, so emails to them (notifications, receipts) use it too. */
export async function saveUserLocale(actor: Actor, locale: Locale): Promise<void> {
  await getDb().user.update({ where: { id: actor.id }, data: { locale } });
}
