import Link from "next/link";
import { MFA_SETUP_PATH } from "@/lib/auth/require-role";
import { isStaffRole, type Actor } from "@/lib/auth/roles";
import { hasTotp } from "@/lib/auth/totp/has-totp";
import { getRequestLocale } from "@/lib/i18n/get-request-messages";
import { getMessages } from "@/lib/i18n/messages";

/** Two-step sign-in on /account: on or off, and the way to change it. Staff only; recipients never see it. */
export async function MfaSection({ actor }: { actor: Actor }) {
  if (!isStaffRole(actor.role)) return null;
  const t = getMessages(await getRequestLocale()).mfa.account;
  const on = await hasTotp(actor.id);
  return (
    <section aria-labelledby="mfa-heading" data-testid="mfa-section" className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h2 id="mfa-heading" className="text-xl font-semibold">
        {t.title}
      </h2>
      <p data-testid="mfa-status" data-state={on ? "on" : "off"} className="text-ink-600">
        {on ? t.on : t.off}
      </p>
      <p>
        <Link href={MFA_SETUP_PATH} data-testid="mfa-manage" className="font-medium">
          {on ? t.manage : t.setUp}
        </Link>
      </p>
    </section>
  );
}
