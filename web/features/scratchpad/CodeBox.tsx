import { useState, type KeyboardEvent } from "react";

/** The "Python code" box and its Run button; Ctrl/Cmd+Enter runs. */
export function CodeBox({ onRun }: { onRun: (code: string) => void }) {
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
      <button type="button" onClick={run}>
        Run
      </button>
    </div>
  );
}
