import { useId, useRef, useState } from "react";
import type { KernelHost } from "../../kernel/host";
import { FileRow } from "./FileRow";
import { shownName } from "./fileNames";
import { formatSize } from "./format";
import { formatCount } from "../../lib/count";
import { UploadReport } from "./UploadReport";
import { MAX_UPLOAD_BYTES } from "./uploads";
import { useUploadState } from "./UploadProvider";
import { useFiles, type FilesOptions } from "./useFiles";
import "./files.css";

/** Rows drawn at a time: thousands of rows (an unzipped archive) made every key typed take ~0.5 s. */
const SHOWN_FILES = 500;

export interface FilesPanelProps extends FilesOptions {
  kernel: KernelHost;
}

/**
 * "Upload files" and the list of /mnt/data: each file with its size, download, preview and delete.
 * The upload is the page's one (see UploadProvider), so its report shows here whichever way files came.
 */
export function FilesPanel({ kernel, onChange }: FilesPanelProps) {
  const files = useFiles(kernel);
  const upload = useUploadState();
  const [previewing, setPreviewing] = useState<string | null>(null);
  const [deleted, setDeleted] = useState("");
  const [shownCount, setShownCount] = useState(SHOWN_FILES);
  const heading = useRef<HTMLHeadingElement>(null);
  const hintId = useId();
  return (
    <section className="files" aria-label="Files">
      <h2 ref={heading} tabIndex={-1}>
        Files
      </h2>
      <label className="upload">
        Upload files
        <input
          type="file"
          multiple
          aria-describedby={hintId}
          onChange={(event) => {
            upload.mutate(Array.from(event.target.files ?? []));
            event.target.value = "";
          }}
        />
      </label>
      <p id={hintId} className="hint">
        Or drop them anywhere on the page. Up to {formatSize(MAX_UPLOAD_BYTES)} per file.
      </p>
      <UploadReport upload={upload} />
      {files.isError && <p role="alert">Could not list /mnt/data: {files.error.message}</p>}
      {files.data?.length === 0 && <p className="hint">No files yet. They appear in /mnt/data.</p>}
      <ul className="file-list" aria-label="Files in /mnt/data">
        {files.data?.slice(0, shownCount).map((file) => (
          <FileRow
            key={file.name}
            kernel={kernel}
            file={file}
            previewing={previewing === file.name}
            onPreview={(open) => setPreviewing(open ? file.name : null)}
            onChange={onChange}
            onDeleted={() => {
              if (previewing === file.name) setPreviewing(null);
              setDeleted(`Deleted “${shownName(file.name)}”.`);
              // The row and its focused button are gone: focus goes to the panel, not the page's start.
              heading.current?.focus();
            }}
          />
        ))}
      </ul>
      {files.data && files.data.length > shownCount && (
        <p className="hint">
          …and {formatCount(files.data.length - shownCount)} more files in /mnt/data.{" "}
          <button type="button" className="secondary" onClick={() => setShownCount(shownCount + SHOWN_FILES)}>
            Show more files
          </button>
        </p>
      )}
      <p role="status" className="visually-hidden">
        {deleted}
      </p>
    </section>
  );
}
