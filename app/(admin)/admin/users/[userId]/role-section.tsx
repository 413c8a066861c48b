import { changeRoleAction } from "@/app/(admin)/admin/users/[userId]/actions";
import { INVITABLE_ROLES } from "@/lib/admin/invitation-schemas";
import type { ManagedUser } from "@/lib/admin/get-managed-user";
import type { Messages } from "@/lib/i18n/messages";

const BUTTON = "w-full rounded-md bg-brand-600 px-4 py-2.5 font-semibold text-white hover:bg-brand-700 sm:w-auto";

/** The staff role as radio buttons; the admin's own account only explains why it cannot be changed here. */
export function RoleSection({ user, t, roles }: { user: ManagedUser; t: Messages["adminUsers"]["detail"]; roles: Record<string, string> }) {
  return (
    <section aria-labelledby="role-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="role-heading" className="text-lg font-semibold">
        {t.roleTitle}
      </h2>
      {user.isActor ? (
        <p className="text-ink-600">{t.roleSelf}</p>
      ) : (
        <form action={changeRoleAction} className="space-y-3">
          <input type="hidden" name="userId" value={user.id} />
          <fieldset className="space-y-2">
            <legend className="text-ink-600">{t.roleIntro}</legend>
            <div className="flex flex-wrap gap-x-6 gap-y-2">
              {INVITABLE_ROLES.map((role) => (
                <label key={role} className="flex items-center gap-2">
                  <input type="radio" name="role" value={role} defaultChecked={user.role === role} className="size-4" data-testid={`role-${role}`} />
                  {roles[role] ?? role}
                </label>
              ))}
            </div>
          </fieldset>
          <button type="submit" data-testid="role-submit" className={BUTTON}>
            {t.saveRole}
          </button>
        </form>
      )}
    </section>
  );
}
