import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { filesQueryKey } from "../kernel/queries";
import { App, type AppProps } from "./App";

export function render(props: AppProps): void {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  props.cells.onRunEnd(() => void queryClient.invalidateQueries({ queryKey: filesQueryKey }));
  createRoot(document.getElementById("root")!).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <App {...props} />
      </QueryClientProvider>
    </StrictMode>,
  );
}
