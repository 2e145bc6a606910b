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
  return (
    <div className="actions">
      <button type="button" onClick={onAction} disabled={disabled}>
        {label}
      </button>
      {busy && (
        <button type="button" className="secondary" onClick={onStop}>
          Stop
        </button>
      )}
    </div>
  );
}
