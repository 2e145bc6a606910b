import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { filesQueryKey } from "../kernel/queries";
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
  createRoot(document.getElementById("root")!).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <App {...props} />
      </QueryClientProvider>
    </StrictMode>,
  );
}
