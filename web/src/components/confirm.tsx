import { type ReactNode, useRef, useState } from "react";

/**
 * A button that asks first, in a modal <dialog> (focus moves into it and Escape cancels). `onConfirm`
 * may be async; the dialog stays open with its error when it throws.
 */
export function ConfirmButton({
  label,
  title,
  children,
  confirmLabel,
  onConfirm,
  className = "btn danger small",
  ariaLabel,
}: {
  label: ReactNode;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<void> | void;
  className?: string;
  ariaLabel?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setError(null);
    ref.current?.close();
  };
  return (
    <>
      <button
        type="button"
        className={className}
        aria-label={ariaLabel}
        onClick={() => ref.current?.showModal()}
      >
        {label}
      </button>
      <dialog
        ref={ref}
        aria-labelledby={`${title}-title`.replace(/\W+/g, "-")}
        onClose={() => setError(null)}
      >
        <h2 id={`${title}-title`.replace(/\W+/g, "-")}>{title}</h2>
        {children}
        {error ? (
          <p className="alert error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="actions" style={{ justifyContent: "flex-end", marginTop: 12 }}>
          <button type="button" className="btn" onClick={close}>
            Cancel
          </button>
          <button
            type="button"
            className="btn danger solid"
            disabled={busy}
            onClick={async () => {
              setBusy(true);
              try {
                await onConfirm();
                ref.current?.close();
              } catch (err) {
                const e = err as Error & { hint?: string };
                setError(`${e.message}${e.hint ? ` ${e.hint}` : ""}`);
              } finally {
                setBusy(false);
              }
            }}
          >
            {confirmLabel}
          </button>
        </div>
      </dialog>
    </>
  );
}
