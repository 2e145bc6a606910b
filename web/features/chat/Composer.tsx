import { useState, type KeyboardEvent } from "react";
import { ActionBar } from "../../components/ui/ActionBar";

/** The "Message" box: Enter sends, Shift+Enter starts a new line; Stop while busy. */
export function Composer({
  onSend,
  onStop,
  busy,
  disabled,
}: {
  onSend: (text: string) => void;
  onStop: () => void;
  busy: boolean;
  disabled: boolean;
}) {
  const [text, setText] = useState("");
  const send = () => {
    if (!text.trim() || busy || disabled) return;
    onSend(text.trim());
    setText("");
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  };
  return (
    <div className="composer">
      <textarea
        aria-label="Message"
        value={text}
        rows={2}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        placeholder={disabled ? "Connect a model in Settings to ask questions" : "Ask about your files…"}
      />
      <ActionBar label="Send" onAction={send} disabled={busy || disabled} busy={busy} onStop={onStop} />
    </div>
  );
}
