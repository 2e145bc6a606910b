import { useQuery } from "@tanstack/react-query";
import { DropZone } from "../features/files/DropZone";
import { FilesPanel } from "../features/files/FilesPanel";
import { useUpload } from "../features/files/useFiles";
import { KernelStatus } from "../features/kernel-status/KernelStatus";
import { Scratchpad } from "../features/scratchpad/Scratchpad";
import type { KernelHost } from "../kernel/host";
import type { AppConfig } from "./config";

export function App({ kernel, config }: { kernel: KernelHost; config: Promise<AppConfig> }) {
  const upload = useUpload(kernel);
  const { data } = useQuery({ queryKey: ["config"], queryFn: () => config });
  return (
    <DropZone onDrop={upload.mutate}>
      <header className="app-header">
        <h1>Code Interpreter</h1>
        <KernelStatus kernel={kernel} />
      </header>
      {data?.problems.map((problem) => (
        <p key={problem} role="alert" className="config-problem">
          {problem}
        </p>
      ))}
      <main className="layout">
        <Scratchpad kernel={kernel} />
        <FilesPanel kernel={kernel} upload={upload} />
      </main>
    </DropZone>
  );
}
