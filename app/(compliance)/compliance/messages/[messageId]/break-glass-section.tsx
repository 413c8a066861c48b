import Link from "next/link";
import { BreakGlassForm } from "@/app/(compliance)/compliance/messages/[messageId]/break-glass-form";
import type { Actor } from "@/lib/auth/roles";
import { MAX_JUSTIFICATION_LENGTH, MIN_JUSTIFICATION_LENGTH } from "@/lib/compliance/break-glass-schema";
import { findBreakGlassGrant } from "@/lib/compliance/find-break-glass-grant";
import { formatDateTime } from "@/lib/i18n/format-date";
import type { Locale } from "@/lib/i18n/locales";
import { getMessages } from "@/lib/i18n/messages";
import { getOrgSettings } from "@/lib/settings/org-settings";

/**
 * Break-glass on the message's history page: compliance staff only, and only while the organisation allows
 * it. With a running grant, the way to the content; otherwise the justification form. Admins never see it.
 */
export async function BreakGlassSection({ actor, messageId, shredded, locale }: { actor: Actor; messageId: string; shredded: boolean; locale: Locale }) {
  if (actor.role !== "compliance") return null;
  const settings = await getOrgSettings();
  if (!settings.breakGlassEnabled) return null;
  const t = getMessages(locale).compliance.breakGlass;
  const grant = shredded ? null : await findBreakGlassGrant(actor, messageId);
  return (
    <section aria-labelledby="break-glass-heading" data-testid="break-glass" className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4">
      <h2 id="break-glass-heading" className="text-lg font-semibold">
        {t.heading}
      </h2>
      {shredded ? (
        <p>{t.shredded}</p>
      ) : grant ? (
        <>
          <p data-testid="break-glass-active">{t.active(formatDateTime(grant.expiresAt, locale))}</p>
          <Link
            href={`/compliance/messages/${messageId}/content`}
            prefetch={false}
            data-testid="break-glass-open"
            className="inline-block rounded-md bg-brand-600 px-4 py-2 font-semibold text-white no-underline hover:bg-brand-700 hover:text-white"
          >
            {t.open}
          </Link>
        </>
      ) : (
        <>
          <p className="text-sm">{t.intro(settings.breakGlassHours)}</p>
          <BreakGlassForm
            messageId={messageId}
            minLength={MIN_JUSTIFICATION_LENGTH}
            labels={{
              justification: t.justification,
              hint: t.justificationHint(MIN_JUSTIFICATION_LENGTH),
              submit: t.submit,
              submitting: t.submitting,
              errors: {
                justificationTooShort: t.errors.justificationTooShort(MIN_JUSTIFICATION_LENGTH),
                justificationTooLong: t.errors.justificationTooLong(MAX_JUSTIFICATION_LENGTH),
                justificationInvalid: t.errors.justificationInvalid,
                shredded: t.errors.shredded,
                denied: t.errors.denied,
              },
            }}
          />
        </>
      )}
    </section>
  );
}
