import { PasskeyManager } from "@/app/(recipient)/account/passkey-manager";
import { listPasskeys } from "@/lib/auth/passkeys/list-passkeys";
import type { Actor } from "@/lib/auth/roles";
import { formatDateTime } from "@/lib/i18n/format-date";
import { getRequestLocale } from "@/lib/i18n/get-request-messages";
import { getMessages } from "@/lib/i18n/messages";

/**
 * The passkeys part of /account: what a passkey is, the person's passkeys, and adding or removing one. The
 * page has already authenticated `actor`; the list is read for that actor only.
 */
export async function PasskeysSection({ actor }: { actor: Actor }) {
  const locale = await getRequestLocale();
  const t = getMessages(locale).passkeys;
  const passkeys = (await listPasskeys(actor)).map((passkey) => ({
    id: passkey.id,
    name: passkey.name,
    details: `${t.added(formatDateTime(passkey.createdAt, locale))} · ${passkey.lastUsedAt ? t.lastUsed(formatDateTime(passkey.lastUsedAt, locale)) : t.neverUsed}`,
    removeLabel: t.removeLabel(passkey.name),
  }));
  // Client components get plain strings only (the catalogue's functions cannot cross to the browser).
  const { added, lastUsed, removeLabel, signInWith, signingIn, signInOr, signInFailed, signInCancelled, ...strings } = t;
  return (
    <section aria-labelledby="passkeys-heading" data-testid="passkeys-section" className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h2 id="passkeys-heading" className="text-xl font-semibold">
        {t.sectionTitle}
      </h2>
      <p className="text-ink-600">{t.intro}</p>
      <PasskeyManager passkeys={passkeys} t={strings} />
    </section>
  );
}
