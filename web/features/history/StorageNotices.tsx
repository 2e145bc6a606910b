import type { Workspace } from "../../storage/workspace";
import { useWorkspace } from "./useWorkspace";

/**
 * What the person must know about where their work is kept: the open conversation is open in
 * another tab too (both tabs save over each other), or the browser refused to save something.
 */
export function StorageNotices({ workspace }: { workspace: Workspace }) {
  const { openElsewhere, saveProblems } = useWorkspace(workspace);
  return (
    <>
      {openElsewhere && (
        <p role="alert" className="notice">
          This conversation is also open in another tab. What one tab saves replaces what the other saved: work in one
          tab, or start a new conversation here.
        </p>
      )}
      {saveProblems.map((problem) => (
        <p key={problem} role="alert" className="notice">
          {problem}
        </p>
      ))}
    </>
  );
}
