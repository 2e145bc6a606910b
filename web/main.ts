import { loadConfig } from "./app/config";
import { CellStore } from "./kernel/cell-store";
import { KernelHost } from "./kernel/host";
import { SettingsStore } from "./storage/settings";

// Boot the kernel as the page opens, before anyone asks for a run; config.json arrives in parallel.
const config = loadConfig();
const kernel = new KernelHost(config);
kernel.start();
// `npm run bench` builds with --mode bench to time the kernel API directly; gone from real builds.
if (import.meta.env.MODE === "bench") Object.assign(window, { __kernel: kernel });

const cells = new CellStore(kernel);
const settings = new SettingsStore();

// The UI (React and all it renders) loads alongside, so parsing it never delays the kernel's boot.
void import("./app/render").then(({ render }) => render({ kernel, cells, settings, config }));
