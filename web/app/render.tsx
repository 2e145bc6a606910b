import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { startTransition, StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { loadLazyModules } from "../components/lazy";
import { UploadProvider } from "../features/files/UploadProvider";
import { filesQueryKey } from "../kernel/queries";
import { settled } from "../kernel/settled";
import { ErrorBoundary } from "../components/ui/ErrorBoundary";
import type { Workspace } from "../storage/workspace";
import { App, type AppProps } from "./App";

export function render(props: AppProps): void {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const refreshFiles = () => void queryClient.invalidateQueries({ queryKey: filesQueryKey });
  props.cells.onRunEnd(refreshFiles);
  // Another conversation, or a replaced kernel, has other files.
  let kernelState = props.kernel.getState().kind;
  props.kernel.subscribe(() => {
    const next = props.kernel.getState().kind;
    if (next === "ready" && kernelState !== "running") refreshFiles();
    kernelState = next;
  });
  // Markdown and highlighting load once the first kernel has settled and shown a first result.
  void settled(props.kernel).then(() => setTimeout(loadLazyModules, LAZY_DELAY_MS));
  const root = createRoot(document.getElementById("root")!);
  // As a transition, the first render yields every few milliseconds: the kernel booting meanwhile
  // asks this thread for Python's files, and would otherwise wait for the whole render (issue 8).
  startTransition(() =>
    root.render(
      <StrictMode>
        <QueryClientProvider client={queryClient}>
          <ErrorBoundary what="The app" fallback={<AppFailed workspace={props.workspace} />}>
            <UploadProvider kernel={props.kernel}>
              <App {...props} />
            </UploadProvider>
          </ErrorBoundary>
        </QueryClientProvider>
      </StrictMode>,
    ),
  );
}

/** How long after the first kernel settles the lazy modules load (a run queued meanwhile paints first). */
const LAZY_DELAY_MS = 200;

/** In place of a page that failed to draw (most likely, the open conversation saved broken): a way out. */
function AppFailed({ workspace }: { workspace: Workspace }) {
  return (
    <main className="app-failed">
      <p role="alert">The app could not be shown: something in the open conversation could not be read.</p>
      <button
        type="button"
        onClick={() => {
          workspace.openNewOnReload();
          location.reload();
        }}
      >
        Start a new conversation
      </button>
    </main>
  );
}
