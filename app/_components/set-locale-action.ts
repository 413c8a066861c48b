"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { getCurrentActor } from "@/lib/auth/require-role";
import { getConfig } from "@/lib/config";
import { LOCALE_COOKIE, LOCALES } from "@/lib/i18n/locales";
import { saveUserLocale } from "@/lib/i18n/save-user-locale";

const localeSchema = z.enum(LOCALES);

/**
 * The language switcher: an explicit choice beats the browser's Accept-Language from now on (cookie, one year),
 * and a signed-in person's account remembers it for the emails Sealpost sends them. Changing a cookie in an
 * action makes Next render the current page again, now in the chosen language.
 */
export async function setLocaleAction(formData: FormData): Promise<void> {
  const parsed = localeSchema.safeParse(formData.get("locale"));
  if (!parsed.success) return;
  (await cookies()).set(LOCALE_COOKIE, parsed.data, {
    path: "/",
    maxAge: 365 * 24 * 60 * 60,
    sameSite: "lax",
    httpOnly: true,
    secure: getConfig().publicUrl.startsWith("https:"),
  });
  const actor = await getCurrentActor();
  if (actor) await saveUserLocale(actor, parsed.data);
}
