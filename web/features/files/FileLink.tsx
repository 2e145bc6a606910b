import { useState } from "react";
import type { KernelHost } from "../../kernel/host";
import { safeFileName } from "./fileNames";

/**
 * A download link for a file in /mnt/data. The bytes are read on click and saved as an
 * octet-stream under a safe name: a generated file is never opened as a page in the app's origin.
 */
export function FileLink({ kernel, name, size }: { kernel: KernelHost; name: string; size: number }) {
  const [error, setError] = useState<string | null>(null);
  const download = async () => {
    try {
      const data = await kernel.readFile(name);
      const url = URL.createObjectURL(new Blob([data], { type: "application/octet-stream" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = safeFileName(name.split("/").pop() ?? name);
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <>
      <a
        href="#"
        onClick={(event) => {
          event.preventDefault();
          void download();
        }}
      >
        <span className="visually-hidden">Download </span>
        {name}
      </a>{" "}
      <span className="size">{formatSize(size)}</span>
      {error && <span role="alert"> {error}</span>}
    </>
  );
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
}
