"use client";

import { useFormStatus } from "react-dom";

/** The form's submit button; disabled and relabelled while the server action runs. */
export function SubmitButton({ label, pendingLabel, testId }: { label: string; pendingLabel: string; testId?: string }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={pending}
      data-testid={testId}
      className="w-full rounded-md bg-brand-600 px-4 py-3 text-base font-semibold text-white hover:bg-brand-700 disabled:cursor-wait disabled:opacity-70 sm:w-auto"
    >
      {pending ? pendingLabel : label}
    </button>
  );
}
