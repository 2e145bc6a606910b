import { useEffect, useRef, useState } from "react";

/** The user's question, which they may edit and send again (the turns after it are replaced). */
export function Question({ text, onResend }: { text: string; onResend?: (question: string) => void }) {
  const [draft, setDraft] = useState<string | null>(null);
  // An edit cancelled gives focus back to "Edit message" (not to the page's start).
  const cancelled = useRef(false);
  const editButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (draft !== null || !cancelled.current) return;
    cancelled.current = false;
    editButton.current?.focus();
  }, [draft]);
  const cancel = () => {
    cancelled.current = true;
    setDraft(null);
  };
  if (draft === null || !onResend) {
    return (
      <div className="question-row">
        <p className="question">{text}</p>
        {onResend && (
          <button type="button" className="secondary edit-question" ref={editButton} onClick={() => setDraft(text)}>
            Edit message
          </button>
        )}
      </div>
    );
  }
  const send = () => {
    if (!draft.trim()) return;
    onResend(draft.trim());
    setDraft(null);
  };
  return (
    <form
      className="question-edit"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <textarea
        aria-label="Edit message"
        value={draft}
        autoFocus
        rows={Math.min(8, draft.split("\n").length + 1)}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Escape") {
            e.preventDefault(); // not a Stop
            cancel();
          }
          if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            send();
          }
        }}
      />
      <div className="actions">
        <button type="submit">Send edited message</button>
        <button type="button" className="secondary" onClick={cancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
