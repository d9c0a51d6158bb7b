import type { ReactNode } from "react";

export interface FieldA11y {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: boolean;
}

/**
 * A labelled form field: the label is tied to the input, and the hint, warning and error are read with it
 * (aria-describedby). `error` is shown beside the input, whether it came from the form or the server.
 */
export function Field({
  id,
  label,
  optional,
  hint,
  error,
  warning,
  children,
}: {
  id: string;
  label: ReactNode;
  optional?: boolean;
  hint?: ReactNode;
  error?: string | undefined;
  warning?: string | undefined;
  children: (a11y: FieldA11y) => ReactNode;
}) {
  const described = [hint ? `${id}-hint` : "", warning ? `${id}-warning` : "", error ? `${id}-error` : ""]
    .filter(Boolean)
    .join(" ");
  const a11y: FieldA11y = { id };
  if (described) a11y["aria-describedby"] = described;
  if (error) a11y["aria-invalid"] = true;
  return (
    <div className="field">
      <label htmlFor={id}>
        {label} {optional ? <span className="optional">(optional)</span> : null}
      </label>
      {children(a11y)}
      {hint ? (
        <div className="hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {warning && !error ? (
        <div className="field-warning" id={`${id}-warning`}>
          {warning}
        </div>
      ) : null}
      {error ? (
        <div className="field-error" id={`${id}-error`} data-testid={`error-${id}`}>
          {error}
        </div>
      ) : null}
    </div>
  );
}
