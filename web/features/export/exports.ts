/** The three exports as files: a name from the title, the bytes and their MIME type. */
import { exportFileName } from "./download";
import { toMarkdown } from "./markdown";
import { toNotebook, type NotebookOptions } from "./notebook";
import type { ExportSource } from "./source";

export type ExportKind = "notebook" | "markdown" | "zip";

export async function exportFile(kind: ExportKind, source: ExportSource, options: NotebookOptions = {}): Promise<File> {
  switch (kind) {
    case "notebook":
      // Indented by one space and ending in a newline, as Jupyter saves: diffs stay small.
      return new File(
        [JSON.stringify(toNotebook(source, options), null, 1) + "\n"],
        exportFileName(source.title, "ipynb"),
        {
          type: "application/x-ipynb+json",
        },
      );
    case "markdown":
      return new File([toMarkdown(source)], exportFileName(source.title, "md"), { type: "text/markdown" });
    case "zip": {
      const { filesZip } = await import("./zip"); // fflate, loaded only for this export
      const files = await Promise.all(
        source.files.map(async ({ name, data }) => ({ name, data: await data.arrayBuffer() })),
      );
      return new File([filesZip(files)], exportFileName(source.title, "zip"), { type: "application/zip" });
    }
  }
}
