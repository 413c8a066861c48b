import type { Locale } from "@/lib/i18n/locales";
import { coreDe } from "@/lib/i18n/core-de";
import { coreEn } from "@/lib/i18n/core-en";
import { accessMessages } from "@/lib/i18n/areas/access";
import { adminConsoleMessages } from "@/lib/i18n/areas/admin-console";
import { adminPoliciesMessages } from "@/lib/i18n/areas/admin-policies";
import { adminSettingsMessages } from "@/lib/i18n/areas/admin-settings";
import { adminUsersMessages } from "@/lib/i18n/areas/admin-users";
import { apiTokensMessages } from "@/lib/i18n/areas/admin-api-tokens";
import { complianceMessages } from "@/lib/i18n/areas/compliance";
import { composeMessages } from "@/lib/i18n/areas/compose";
import { inboxMessages } from "@/lib/i18n/areas/inbox";
import { mfaMessages } from "@/lib/i18n/areas/mfa";
import { passkeysMessages } from "@/lib/i18n/areas/passkeys";
import { passphraseMessages } from "@/lib/i18n/areas/passphrase";
import { readMessages } from "@/lib/i18n/areas/read";
import { reportsMessages } from "@/lib/i18n/areas/reports";
import { retentionMessages } from "@/lib/i18n/areas/retention";
import { sentMessages } from "@/lib/i18n/areas/sent";
import { usersMessages } from "@/lib/i18n/areas/users";
import { webhooksMessages } from "@/lib/i18n/areas/webhooks";

// The message catalogue: every string a person reads in the web app and in emails. The core strings live in
// core-en.ts (translated in core-<locale>.ts); each feature area keeps its strings in lib/i18n/areas/<area>.ts
// as `{ en, de }` (de typed as `typeof en`) and is registered once in `areas` below.

// Feature areas: `import { xMessages } from "@/lib/i18n/areas/x";` above, then one line `x: xMessages,` here.
const areas = {
  access: accessMessages,
  adminConsole: adminConsoleMessages,
  adminPolicies: adminPoliciesMessages,
  adminSettings: adminSettingsMessages,
  adminUsers: adminUsersMessages,
  apiTokens: apiTokensMessages,
  compliance: complianceMessages,
  compose: composeMessages,
  inbox: inboxMessages,
  mfa: mfaMessages,
  read: readMessages,
  reports: reportsMessages,
  retention: retentionMessages,
  passkeys: passkeysMessages,
  passphrase: passphraseMessages,
  webhooks: webhooksMessages,
  sent: sentMessages,
  users: usersMessages,
};

// The core strings in every language the catalogue offers.
const coreTranslations: Record<Locale, typeof coreEn> = { en: coreEn, de: coreDe };

type Areas = { [K in keyof typeof areas]: (typeof areas)[K] extends { en: infer E } ? E : never };

export type Messages = typeof coreEn & Areas;

function pick(locale: Locale): Messages {
  const picked = Object.fromEntries(
    Object.entries(areas).map(([name, area]) => [name, (area as Record<Locale, unknown>)[locale]]),
  ) as Areas;
  return { ...coreTranslations[locale], ...picked };
}

/** The catalogue in `locale` (English when not given). */
export function getMessages(locale: Locale = "en"): Messages {
  return pick(locale);
}
