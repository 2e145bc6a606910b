import { useEffect, useRef, useState } from "react";
import type { ConversationSummary } from "../../storage/db";
import type { Workspace } from "../../storage/workspace";
import "./history.css";
import { useWorkspace } from "./useWorkspace";
import { messageOf } from "../../lib/message-of";

/** The saved conversations: new, open, rename, delete, search by title. */
export function ConversationList({ workspace, disabled }: { workspace: Workspace; disabled?: boolean }) {
  const { active, conversations, durable } = useWorkspace(workspace);
  // A deleted conversation's buttons go with it: focus comes here, not to the page's start.
  const newButton = useRef<HTMLButtonElement>(null);
  const [query, setQuery] = useState("");
  const shown = conversations.filter((c) => c.title.toLowerCase().includes(query.trim().toLowerCase()));
  return (
    <nav className="history" aria-label="Conversations">
      <button type="button" ref={newButton} onClick={() => void workspace.newConversation()} disabled={disabled}>
        New conversation
      </button>
      <input
        type="search"
        aria-label="Search conversations"
        placeholder="Search by title"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <ul>
        {shown.map((c) => (
          <Entry
            key={c.id}
            summary={c}
            current={c.id === active.id}
            workspace={workspace}
            disabled={disabled}
            onRemoved={() => newButton.current?.focus()}
          />
        ))}
      </ul>
      {conversations.length > 0 && shown.length === 0 && <p className="muted">No conversation matches.</p>}
      {!durable && (
        <p className="muted">This browser does not let the app save conversations; they end with the page.</p>
      )}
    </nav>
  );
}

type Mode = "view" | "rename" | "delete";

interface EntryProps {
  summary: ConversationSummary;
  current: boolean;
  workspace: Workspace;
  disabled?: boolean;
  onRemoved: () => void;
}

function Entry({ summary, current, workspace, disabled, onRemoved }: EntryProps) {
  const [mode, setMode] = useState<Mode>("view");
  const [title, setTitle] = useState(summary.title);
  const [problem, setProblem] = useState("");
  // Leaving "rename" or "delete", focus goes back to the button that opened it.
  const back = useRef<Mode | null>(null);
  const renameButton = useRef<HTMLButtonElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (mode !== "view" || !back.current) return;
    (back.current === "rename" ? renameButton : deleteButton).current?.focus();
    back.current = null;
  }, [mode]);
  const leave = (from: Mode) => {
    back.current = from;
    setProblem("");
    setMode("view");
  };
  if (mode === "rename") {
    const done = (save: boolean) => {
      if (save) void workspace.rename(summary.id, title);
      leave("rename");
    };
    return (
      <li>
        <form
          className="rename"
          onSubmit={(e) => {
            e.preventDefault();
            done(true);
          }}
        >
          <input
            aria-label="Conversation title"
            value={title}
            autoFocus
            onChange={(e) => setTitle(e.target.value)}
            onKeyDown={(e) => {
              if (e.key !== "Escape") return;
              e.preventDefault(); // not a Stop
              done(false);
            }}
          />
          <button type="submit">Save title</button>
        </form>
      </li>
    );
  }
  return (
    <li data-current={current || undefined}>
      <button
        type="button"
        className="open"
        aria-current={current ? "page" : undefined}
        onClick={() => void workspace.switchTo(summary.id)}
        disabled={disabled && !current}
      >
        {summary.title}
      </button>
      {mode === "delete" ? (
        <span
          className="confirm"
          onKeyDown={(e) => {
            if (e.key !== "Escape") return;
            e.preventDefault(); // not a Stop
            leave("delete");
          }}
        >
          <button
            type="button"
            className="danger"
            onClick={() => void workspace.remove(summary.id).then(onRemoved, (e: unknown) => setProblem(messageOf(e)))}
            disabled={disabled}
          >
            Confirm delete {summary.title}
          </button>
          <button type="button" className="secondary" onClick={() => leave("delete")}>
            Keep
          </button>
          {problem && <span role="alert">{problem}</span>}
        </span>
      ) : (
        <span className="actions">
          <button
            type="button"
            className="secondary"
            aria-label={`Rename ${summary.title}`}
            ref={renameButton}
            onClick={() => {
              setTitle(summary.title);
              setMode("rename");
            }}
          >
            Rename
          </button>
          <button
            type="button"
            className="secondary"
            aria-label={`Delete ${summary.title}`}
            ref={deleteButton}
            onClick={() => setMode("delete")}
            disabled={disabled}
          >
            Delete
          </button>
        </span>
      )}
    </li>
  );
}
