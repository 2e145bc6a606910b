import type { Workspace } from "../../storage/workspace";
import { useWorkspace } from "./useWorkspace";

/** Said while the open conversation is open in another tab too: both tabs save over each other. */
export function OpenElsewhere({ workspace }: { workspace: Workspace }) {
  const { openElsewhere } = useWorkspace(workspace);
  if (!openElsewhere) return null;
  return (
    <p role="alert" className="notice">
      This conversation is also open in another tab. What one tab saves replaces what the other saved: work in one tab,
      or start a new conversation here.
    </p>
  );
}
