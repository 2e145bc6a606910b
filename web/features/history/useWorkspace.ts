import { useSyncExternalStore } from "react";
import type { Workspace, WorkspaceState } from "../../storage/workspace";

export function useWorkspace(workspace: Workspace): WorkspaceState {
  return useSyncExternalStore(workspace.subscribe, workspace.getState);
}
