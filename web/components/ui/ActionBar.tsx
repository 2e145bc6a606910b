import { useEffect, useRef } from "react";

/** The main action of a box (Run, Send) and, while busy, Stop. One Stop per box. */
export function ActionBar({
  label,
  onAction,
  disabled = false,
  busy,
  onStop,
}: {
  label: string;
  onAction: () => void;
  disabled?: boolean;
  busy: boolean;
  onStop: () => void;
}) {
  // Stop pressed: once it goes (the run ended), focus moves to the main action, not the page's start.
  const stopped = useRef(false);
  const main = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (busy || !stopped.current) return;
    stopped.current = false;
    main.current?.focus();
  }, [busy]);
  return (
    <div className="actions">
      <button type="button" ref={main} onClick={onAction} disabled={disabled}>
        {label}
      </button>
      {busy && (
        <button
          type="button"
          className="secondary"
          onClick={() => {
            stopped.current = true;
            onStop();
          }}
        >
          Stop
        </button>
      )}
    </div>
  );
}
