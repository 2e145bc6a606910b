import { useEffect, useState } from "react";

type CopyState = "idle" | "copied" | "failed";

const LABELS: Record<CopyState, string> = { idle: "Copy code", copied: "Copied", failed: "Copy failed" };

/** Copies code to the clipboard; says "Copied" (or "Copy failed") for a moment. */
export function CopyButton({ text }: { text: string }) {
  const [state, setState] = useState<CopyState>("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 2000);
    return () => clearTimeout(timer);
  }, [state]);
  // navigator.clipboard is missing outside secure contexts: that is a failure too, not a crash.
  const copy = () =>
    Promise.resolve()
      .then(() => navigator.clipboard.writeText(text))
      .then(
        () => setState("copied"),
        () => setState("failed"),
      );
  return (
    <button type="button" className="code-action" onClick={() => void copy()} aria-live="polite">
      {LABELS[state]}
    </button>
  );
}
