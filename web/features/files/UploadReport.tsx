import { renamedMessage } from "./uploads";
import type { UploadState } from "./UploadProvider";

/** What the last upload did: in progress, files renamed (a status), files refused (an alert). */
export function UploadReport({ upload }: { upload: UploadState }) {
  const renamed = upload.data?.saved.flatMap(({ file, name }) => renamedMessage(file.name, name) ?? []) ?? [];
  const refused = upload.data?.refused ?? [];
  return (
    <>
      {/* Always in the page, so screen readers announce what appears in it. */}
      <p role="status" className="upload-status">
        {upload.isPending ? "Uploading…" : renamed.join(" ")}
      </p>
      {refused.length > 0 && (
        <div role="alert" className="upload-refused">
          <ul>
            {refused.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
          <button type="button" className="secondary" onClick={() => upload.reset()}>
            Dismiss
          </button>
        </div>
      )}
      {upload.isError && <p role="alert">Upload failed: {upload.error.message}</p>}
    </>
  );
}
