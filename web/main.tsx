import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App";
import { loadConfig } from "./app/config";
import { CellStore } from "./kernel/cell-store";
import { KernelHost } from "./kernel/host";
import { filesQueryKey } from "./kernel/queries";
import { SettingsStore } from "./storage/settings";

// Boot the kernel as the page opens, before anyone asks for a run; config.json arrives in parallel.
const config = loadConfig();
const kernel = new KernelHost(config);
kernel.start();
// `npm run bench` builds with --mode bench to time the kernel API directly; gone from real builds.
if (import.meta.env.MODE === "bench") Object.assign(window, { __kernel: kernel });

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
const cells = new CellStore(kernel);
cells.onRunEnd(() => void queryClient.invalidateQueries({ queryKey: filesQueryKey }));
const settings = new SettingsStore();

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App kernel={kernel} cells={cells} settings={settings} config={config} />
    </QueryClientProvider>
  </StrictMode>,
);
