import { useState, type KeyboardEvent } from "react";
import { ActionBar } from "../../components/ui/ActionBar";

/** The "Python code" box, Run (Ctrl/Cmd+Enter) and, while a cell runs, Stop (Esc). */
export function CodeBox({ onRun, onStop, busy }: { onRun: (code: string) => void; onStop: () => void; busy: boolean }) {
  const [code, setCode] = useState("");
  const run = () => {
    if (code.trim()) onRun(code);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run();
    }
  };
  return (
    <div className="code-box">
      <textarea
        aria-label="Python code"
        value={code}
        onChange={(event) => setCode(event.target.value)}
        onKeyDown={onKeyDown}
        spellCheck={false}
        rows={6}
        placeholder={'print("hello")  # Ctrl+Enter runs'}
      />
      <ActionBar label="Run" onAction={run} busy={busy} onStop={onStop} />
    </div>
  );
}
