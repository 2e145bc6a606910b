import { useEffect, useRef, useState } from "react";
import type { Preview } from "./preview";

/** Columns and characters per cell shown; a preview is a glance, not a viewer. */
const MAX_COLUMNS = 50;
const MAX_CELL = 200;

/** A preview's content, as text nodes and an <img> only. */
export function PreviewBody({ preview, name }: { preview: Preview; name: string }) {
  switch (preview.kind) {
    case "table":
      return <PreviewTable rows={preview.rows} more={preview.more} />;
    case "text":
      return (
        <>
          {/* Focusable so a keyboard can scroll it (axe: scrollable-region-focusable). */}
          <pre className="preview-scroll" tabIndex={0}>
            {preview.text}
          </pre>
          {preview.more && <p className="hint">Only the beginning is shown.</p>}
        </>
      );
    case "image":
      return <BlobImage blob={preview.blob} alt={name} />;
    case "svg":
      return <img className="preview-image" src={preview.url} alt={name} />;
    case "none":
      return <p>{preview.message}</p>;
  }
}

function PreviewTable({ rows, more }: { rows: string[][]; more: boolean }) {
  if (rows.length === 0) return <p>No rows.</p>;
  const columns = Math.max(...rows.map((r) => r.length));
  const width = Math.min(MAX_COLUMNS, columns);
  const bodyRows = rows.length - 1;
  const first = bodyRows === 0 ? "The header only" : `First ${bodyRows === 1 ? "row" : `${bodyRows} rows`}`;
  const shown = [more && first, width < columns && `first ${width} of ${columns} columns`].filter(Boolean).join(", ");
  const cells = (row: string[]) => Array.from({ length: width }, (_, i) => clip(row[i] ?? ""));
  const [header, ...body] = rows;
  return (
    <>
      <div className="preview-scroll" tabIndex={0}>
        <table>
          <thead>
            <tr>
              {cells(header).map((cell, i) => (
                <th key={i} scope="col">
                  {cell}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {body.map((row, r) => (
              <tr key={r}>
                {cells(row).map((cell, i) => (
                  <td key={i}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {shown && <p className="hint">{`${shown[0].toUpperCase()}${shown.slice(1)}.`}</p>}
    </>
  );
}

const clip = (text: string) => (text.length > MAX_CELL ? `${text.slice(0, MAX_CELL)}…` : text);

/**
 * An image from a blob: URL that lives exactly as long as the <img>. The URL is set on the element
 * directly: kept in state it would outlive a StrictMode re-run of this effect, revoked.
 */
function BlobImage({ blob, alt }: { blob: Blob; alt: string }) {
  const img = useRef<HTMLImageElement>(null);
  const [broken, setBroken] = useState(false);
  useEffect(() => {
    const url = URL.createObjectURL(blob);
    if (img.current) img.current.src = url;
    return () => URL.revokeObjectURL(url);
  }, [blob]);
  if (broken) return <p>This image could not be shown: its bytes are not an image of its kind.</p>;
  return <img ref={img} className="preview-image" alt={alt} onError={() => setBroken(true)} />;
}
