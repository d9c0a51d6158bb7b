import { useState } from "react";
import { announce } from "./feedback.tsx";

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard API refused (plain http on another host): fall back to a hidden selection.
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    return ok;
  }
}

export function CopyButton({
  text,
  label = "Copy",
  ariaLabel,
}: {
  text: string;
  label?: string;
  ariaLabel?: string;
}) {
  const [done, setDone] = useState(false);
  return (
    <button
      type="button"
      className="btn small"
      aria-label={ariaLabel}
      onClick={async () => {
        const ok = await copyText(text);
        setDone(ok);
        announce(ok ? "Copied to the clipboard." : "Copying failed; select the text and copy it by hand.");
        if (ok) setTimeout(() => setDone(false), 2000);
      }}
    >
      {done ? "Copied ✓" : label}
    </button>
  );
}

/** A titled block of code (a policy, a key) with a copy button. */
export function CodeBlock({ title, code, testId }: { title: string; code: string; testId?: string }) {
  return (
    <figure className="code-block" style={{ margin: "0 0 14px" }} data-testid={testId}>
      <figcaption className="code-head">
        <span>{title}</span>
        <CopyButton text={code} ariaLabel={`Copy the ${title}`} />
      </figcaption>
      <pre>
        <code>{code}</code>
      </pre>
    </figure>
  );
}
