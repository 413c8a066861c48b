import { deactivateUserAction, reactivateUserAction, resendInvitationAction, resetMfaAction } from "@/app/(admin)/admin/users/[userId]/actions";
import type { ManagedUser } from "@/lib/admin/get-managed-user";
import type { Messages } from "@/lib/i18n/messages";

const DANGER = "w-full rounded-md border border-red-700 bg-white px-4 py-2.5 font-medium text-red-800 hover:bg-red-50 sm:w-auto";
const PLAIN = "w-full rounded-md border border-slate-400 bg-white px-4 py-2.5 font-medium hover:bg-slate-50 sm:w-auto";

/** Deactivate or reactivate, resend a pending invitation, and reset the second factor (staff only). */
export function AccountSection({ user, t, staff }: { user: ManagedUser; t: Messages["adminUsers"]["detail"]; staff: boolean }) {
  return (
    <>
      <section aria-labelledby="account-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="account-heading" className="text-lg font-semibold">
          {t.accountTitle}
        </h2>
        {user.state === "invited" && (
          <form action={resendInvitationAction} className="space-y-2">
            <input type="hidden" name="userId" value={user.id} />
            <p className="text-ink-600">{t.resendIntro}</p>
            <button type="submit" data-testid="resend-invitation" className={PLAIN}>
              {t.resend}
            </button>
          </form>
        )}
        {user.state === "deactivated" ? (
          <form action={reactivateUserAction} className="space-y-2">
            <input type="hidden" name="userId" value={user.id} />
            <p className="text-ink-600">{t.deactivatedNote}</p>
            <button type="submit" data-testid="reactivate" className={PLAIN}>
              {t.reactivate}
            </button>
          </form>
        ) : user.isActor ? (
          <p className="text-ink-600">{t.selfNote}</p>
        ) : (
          <form action={deactivateUserAction} className="space-y-3">
            <input type="hidden" name="userId" value={user.id} />
            <p className="text-ink-600">{t.deactivateIntro}</p>
            <label className="flex items-center gap-2">
              <input type="checkbox" name="confirm" data-testid="deactivate-confirm" className="size-5" />
              {t.deactivateConfirm}
            </label>
            <button type="submit" data-testid="deactivate" className={DANGER}>
              {t.deactivate}
            </button>
          </form>
        )}
      </section>
      {staff && (
        <section aria-labelledby="mfa-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="mfa-heading" className="text-lg font-semibold">
            {t.mfaTitle}
          </h2>
          {user.mfa ? (
            <form action={resetMfaAction} className="space-y-3">
              <input type="hidden" name="userId" value={user.id} />
              <p className="text-ink-600">{t.mfaOnIntro}</p>
              <label className="flex items-center gap-2">
                <input type="checkbox" name="confirm" data-testid="reset-mfa-confirm" className="size-5" />
                {t.resetMfaConfirm}
              </label>
              <button type="submit" data-testid="reset-mfa" className={DANGER}>
                {t.resetMfa}
              </button>
            </form>
          ) : (
            <p className="text-ink-600">{t.mfaOffIntro}</p>
          )}
        </section>
      )}
    </>
  );
}
