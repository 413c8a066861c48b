"use client";

import { useActionState } from "react";
import { inviteUserAction, type InviteState } from "@/app/(admin)/admin/users/actions";
import { SubmitButton } from "@/app/_components/submit-button";
import { TextField } from "@/app/_components/text-field";

export type InviteFormLabels = {
  name: string;
  email: string;
  role: string;
  roles: { value: string; label: string }[];
  submit: string;
  submitting: string;
  errors: Record<"name" | "email" | "role" | "emailTaken", string>;
  /** Filled in with the address on success. */
  sent: string;
  resent: string;
};

const initial: InviteState = { fieldErrors: {}, sent: null, values: { name: "", email: "", role: "sender" } };

export function InviteForm({ labels }: { labels: InviteFormLabels }) {
  const [state, action] = useActionState(inviteUserAction, initial);
  const error = (key: keyof InviteState["fieldErrors"]) => {
    const code = state.fieldErrors[key];
    return code ? labels.errors[code] : null;
  };
  return (
    <form action={action} className="space-y-4" noValidate>
      <p role="status" data-testid="invite-outcome" className="text-emerald-800">
        {state.sent ? (state.sent.reinvited ? labels.resent : labels.sent).replace("{email}", state.sent.email) : ""}
      </p>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField key={`name-${state.values.name}`} name="name" label={labels.name} autoComplete="off" defaultValue={state.values.name} error={error("name")} required />
        <TextField key={`email-${state.values.email}`} name="email" label={labels.email} type="email" autoComplete="off" defaultValue={state.values.email} error={error("email")} required />
      </div>
      <fieldset className="space-y-2">
        <legend className="font-medium">{labels.role}</legend>
        <div className="flex flex-wrap gap-x-6 gap-y-2">
          {labels.roles.map((role) => (
            <label key={role.value} className="flex items-center gap-2">
              <input type="radio" name="role" value={role.value} defaultChecked={state.values.role === role.value} className="size-4" data-testid={`invite-role-${role.value}`} />
              {role.label}
            </label>
          ))}
        </div>
        {error("role") && <p className="text-sm font-medium text-red-800">{error("role")}</p>}
      </fieldset>
      <SubmitButton label={labels.submit} pendingLabel={labels.submitting} testId="invite-submit" />
    </form>
  );
}
