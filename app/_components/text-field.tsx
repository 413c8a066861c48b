import type { InputHTMLAttributes } from "react";

type TextFieldProps = {
  name: string;
  label: string;
  /** Shown under the field and announced with it. */
  error?: string | null;
  /** For forms with one error summary (reply, compose): marks the field invalid and points it at the summary's id. */
  summaryErrorId?: string;
  hint?: string;
  testId?: string;
} & Pick<
  InputHTMLAttributes<HTMLInputElement>,
  "type" | "inputMode" | "autoComplete" | "defaultValue" | "required" | "minLength" | "autoFocus" | "list" | "min" | "max" | "spellCheck"
>;

/** A labelled input whose hint and error are announced with it (aria-describedby). */
export function TextField({ name, label, error, summaryErrorId, hint, testId, type = "text", ...input }: TextFieldProps) {
  const hintId = hint ? `${name}-hint` : undefined;
  const errorId = error ? `${name}-error` : undefined;
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
        aria-invalid={error || summaryErrorId ? true : undefined}
        aria-describedby={[hintId, errorId, summaryErrorId].filter(Boolean).join(" ") || undefined}
        className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2.5 text-base aria-invalid:border-red-700"
        {...input}
      />
      {error && (
        <p id={errorId} data-testid={`${name}-error`} className="text-sm font-medium text-red-800">
          {error}
        </p>
      )}
    </div>
  );
}
