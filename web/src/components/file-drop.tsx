import { useId, useState } from "react";

/**
 * Drop a file here or choose one. Keyboard users reach the file input through its label; the drop area
 * is a convenience on top of it.
 */
export function FileDrop({
  label,
  hint,
  onFile,
  busy,
  testId,
}: {
  label: string;
  hint?: string;
  onFile: (file: File) => void;
  busy?: boolean;
  testId?: string;
}) {
  const id = useId();
  const [over, setOver] = useState(false);
  return (
    <section
      aria-label={label}
      className={`drop${over ? " over" : ""}`}
      data-testid={testId}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const file = e.dataTransfer.files[0];
        if (file) onFile(file);
      }}
    >
      <label htmlFor={id} style={{ fontWeight: 600, display: "block", marginBottom: 6 }}>
        {label}
      </label>
      <input
        id={id}
        type="file"
        disabled={busy}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) onFile(file);
          e.target.value = "";
        }}
      />
      {hint ? <p className="hint">{hint}</p> : null}
      {busy ? (
        <p role="status" className="hint">
          Working…
        </p>
      ) : null}
    </section>
  );
}
