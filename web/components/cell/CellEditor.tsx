import { useState, type KeyboardEvent } from "react";

/** A cell's code as an editable textarea: Run cell (Ctrl/Cmd+Enter) or Cancel (Esc). */
export function CellEditor({
  code,
  onRun,
  onCancel,
}: {
  code: string;
  onRun: (code: string) => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState(code);
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onRun(draft);
    } else if (event.key === "Escape") {
      // Esc elsewhere stops a running turn; here it only leaves the editor.
      event.preventDefault();
      event.stopPropagation();
      onCancel();
    }
  };
  return (
    <div className="cell-editor">
      <textarea
        aria-label="Cell code"
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={onKeyDown}
        rows={Math.min(Math.max(draft.split("\n").length, 3), 30)}
        spellCheck={false}
        autoFocus
      />
      <div className="code-actions">
        <button type="button" onClick={() => onRun(draft)}>
          Run cell
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
