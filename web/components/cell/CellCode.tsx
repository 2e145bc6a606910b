import { useId } from "react";
import { CopyButton } from "./CopyButton";
import { Highlighted } from "./Highlighted";

interface CellCodeProps {
  code: string;
  /** Whether the code is shown (the Hide/Show state lives in the cell, so it survives editing). */
  open: boolean;
  onToggle: () => void;
  /** Opens the editor; absent when the cell cannot be re-run (no handler, or it is running). */
  onEdit?: () => void;
  /** Focus Edit code when shown again (the editor was just cancelled). */
  focusEdit?: boolean;
  /** Runs a cell that has not run yet (imported from a notebook). */
  onRun?: () => void;
}

/** A cell's code, highlighted, with Hide/Show code, Copy code and Edit code. */
export function CellCode({ code, open, onToggle, onEdit, focusEdit, onRun }: CellCodeProps) {
  const lines = code.split("\n").length;
  const id = useId();
  return (
    <div className="cell-source">
      <div className="code-actions">
        {!open && <span className="code-summary">Python, {lines === 1 ? "1 line" : `${lines} lines`}</span>}
        <button type="button" className="code-action" aria-expanded={open} aria-controls={id} onClick={onToggle}>
          {open ? "Hide code" : "Show code"}
        </button>
        {onRun && (
          <button type="button" className="code-action" onClick={onRun}>
            Run cell
          </button>
        )}
        <CopyButton text={code} />
        {onEdit && (
          <button type="button" className="code-action" onClick={onEdit} autoFocus={focusEdit}>
            Edit code
          </button>
        )}
      </div>
      <pre id={id} className="cell-code" hidden={!open}>
        <Highlighted code={code} language="python" />
      </pre>
    </div>
  );
}
