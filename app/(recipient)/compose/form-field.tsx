import type { InputHTMLAttributes } from "react";

export const FORM_ERROR_ID = "compose-error";

type FormFieldProps = {
  name: string;
  label: string;
  hint?: string;
  /** Marks the field invalid and points it at the form's error summary (which says why). */
  invalid?: boolean;
  testId?: string;
} & Pick<InputHTMLAttributes<HTMLInputElement>, "type" | "autoComplete" | "defaultValue" | "required" | "list" | "min" | "max" | "inputMode" | "spellCheck">;

/** A labelled input for the reply and compose forms; its hint and the form's error are announced with it. */
export function FormField({ name, label, hint, invalid, testId, type = "text", ...input }: FormFieldProps) {
  const hintId = hint ? `${name}-hint` : undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={name} className="block font-medium">
        {label}
      </label>
      {hint && (
        <p id={hintId} className="text-sm text-ink-600">
          {hint}
        </p>
      )}
      <input
        id={name}
        name={name}
        type={type}
        data-testid={testId}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={[hintId, invalid ? FORM_ERROR_ID : undefined].filter(Boolean).join(" ") || undefined}
        className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2.5 text-base aria-invalid:border-red-700"
        {...input}
      />
    </div>
  );
}
