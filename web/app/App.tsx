import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Composer } from "../features/chat/Composer";
import { useConversation } from "../features/chat/useConversation";
import { DropZone } from "../features/files/DropZone";
import { FilesPanel } from "../features/files/FilesPanel";
import { useUpload } from "../features/files/useFiles";
import { KernelStatus } from "../features/kernel-status/KernelStatus";
import { Scratchpad } from "../features/scratchpad/Scratchpad";
import { FirstRun } from "../features/settings/FirstRun";
import { SettingsDialog } from "../features/settings/SettingsDialog";
import type { CellStore } from "../kernel/cell-store";
import type { KernelHost } from "../kernel/host";
import { isConnected, type SettingsStore } from "../storage/settings";
import { useSettings } from "../storage/useSettings";
import type { AppConfig } from "./config";
import { Timeline } from "./Timeline";

export interface AppProps {
  kernel: KernelHost;
  cells: CellStore;
  settings: SettingsStore;
  config: Promise<AppConfig>;
}

export function App({ kernel, cells, settings, config }: AppProps) {
  const upload = useUpload(kernel);
  const { data } = useQuery({ queryKey: ["config"], queryFn: () => config });
  const modelSettings = useSettings(settings);
  const connected = isConnected(modelSettings);
  const conversation = useConversation(kernel, cells, connected ? modelSettings : null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  return (
    <DropZone onDrop={upload.mutate}>
      <header className="app-header">
        <h1>Code Interpreter</h1>
        <KernelStatus kernel={kernel} />
        <button type="button" className="secondary" onClick={() => setSettingsOpen(true)}>
          Settings
        </button>
      </header>
      {data?.problems.map((problem) => (
        <p key={problem} role="alert" className="config-problem">
          {problem}
        </p>
      ))}
      <main className="layout">
        <div className="session">
          {!connected && <FirstRun onOpenSettings={() => setSettingsOpen(true)} />}
          <Timeline
            turns={conversation.turns}
            cells={cells}
            onRetry={conversation.busy ? undefined : conversation.retry}
          />
          <Composer
            onSend={(text) => void conversation.send(text)}
            onStop={conversation.stop}
            busy={conversation.busy}
            disabled={!connected}
          />
          {/* One Stop at a time: the composer's while a turn runs, else the code box's. */}
          <Scratchpad kernel={kernel} cells={cells} canStop={!conversation.busy} />
        </div>
        <FilesPanel kernel={kernel} upload={upload} />
      </main>
      {settingsOpen && <SettingsDialog store={settings} onClose={() => setSettingsOpen(false)} />}
    </DropZone>
  );
}
