import { useState, type DragEvent, type ReactNode } from "react";
import "./files.css";

/** Files dropped anywhere on the page are uploaded, several at once. */
export function DropZone({ onDrop, children }: { onDrop: (files: File[]) => void; children: ReactNode }) {
  const [over, setOver] = useState(false);
  const hasFiles = (event: DragEvent) => event.dataTransfer.types.includes("Files");
  return (
    <div
      className="drop-zone"
      data-over={over || undefined}
      onDragOver={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={(event) => {
        // Leaving for a child of the page is not leaving the page (the outline would flicker).
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        setOver(false);
        onDrop(Array.from(event.dataTransfer.files));
      }}
    >
      {children}
    </div>
  );
}
