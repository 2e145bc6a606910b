import type { KernelHost } from "../../kernel/host";
import { FileLink } from "./FileLink";
import { useFiles, useUpload } from "./useFiles";

/** "Upload files" and the list of /mnt/data, each file a download link. */
export function FilesPanel({ kernel, upload }: { kernel: KernelHost; upload: ReturnType<typeof useUpload> }) {
  const files = useFiles(kernel);
  return (
    <section className="files" aria-label="Files">
      <h2>Files</h2>
      <label className="upload">
        Upload files
        <input
          type="file"
          multiple
          onChange={(event) => {
            upload.mutate(Array.from(event.target.files ?? []));
            event.target.value = "";
          }}
        />
      </label>
      {upload.isError && <p role="alert">Upload failed: {upload.error.message}</p>}
      {files.data?.length === 0 && <p className="hint">Drop files anywhere on the page. They appear in /mnt/data.</p>}
      <ul aria-label="Files in /mnt/data">
        {files.data?.map((file) => (
          <li key={file.name}>
            <FileLink kernel={kernel} name={file.name} size={file.size} />
          </li>
        ))}
      </ul>
    </section>
  );
}
