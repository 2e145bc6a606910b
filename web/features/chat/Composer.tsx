import { useId, useRef, type KeyboardEvent } from "react";
import { ActionBar } from "../../components/ui/ActionBar";

/**
 * The "Message" box: Enter sends, Shift+Enter starts a new line; Stop while busy. The box keeps
 * its own text (uncontrolled): a keystroke renders nothing, and is read only when sent (issue 8).
 */
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
  const box = useRef<HTMLTextAreaElement>(null);
  const hintId = useId();
  const send = () => {
    const text = box.current?.value.trim();
    if (!text || busy || disabled) return;
    onSend(text);
    box.current!.value = "";
    box.current!.focus(); // Send is disabled while the answer comes: focus would fall to the page
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
        aria-describedby={disabled ? hintId : undefined}
        ref={box}
        rows={2}
        onKeyDown={onKeyDown}
        placeholder={disabled ? "Connect a model in Settings to ask questions" : "Ask about your files…"}
      />
      {/* The placeholder goes as soon as one types: this stays. */}
      {disabled && (
        <p id={hintId} className="hint">
          Connect a model in Settings to ask questions; the Python box below works without one.
        </p>
      )}
      <ActionBar label="Send" onAction={send} disabled={busy || disabled} busy={busy} onStop={onStop} />
    </div>
  );
}
