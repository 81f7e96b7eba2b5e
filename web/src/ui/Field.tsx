import type { InputHTMLAttributes } from "react";

/** An input with its visible label and, when the API refused it, the reason at the field. */
export function Field({ label, id, error, ...input }: InputHTMLAttributes<HTMLInputElement> & {
  label: string; id: string; error?: string;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}
        {...input} />
      {error && <p id={`${id}-error`} className="error">{error}</p>}
    </div>
  );
}
