/**
 * A conversation as a Markdown transcript, to read or paste anywhere: each question, the model's
 * text, every run's code in a ```python fence with its text output in a ```text fence (long
 * outputs cut to head and tail), the answers, and the list of files.
 *
 * Choices, the same as the notebook's where they overlap: the model's reasoning is left out, and
 * so are progress lines. Images, charts and HTML become a one-line note instead of a data: URI:
 * a figure is tens of kilobytes of base64, GitHub and most viewers do not show data: images, and
 * the notebook export keeps them. ANSI colours are removed from text.
 */
import type { Turn } from "../../agent/record";
import type { Cell, Output } from "../../kernel/cells";
import type { MimeBundle } from "../../kernel/protocol";
import { cellOf, sessionItems, type ExportSource } from "./source";
import { escapeInline, fence, formatSize, quote, stripAnsi, truncate } from "./text";
import { withoutRemoteImages } from "./remote-images";

export function toMarkdown(source: ExportSource): string {
  const blocks: string[] = [];
  if (source.title.trim()) blocks.push(`# ${source.title.trim()}`);
  for (const item of sessionItems(source)) {
    if (item.kind === "cell")
      blocks.push(item.cell.status === "idle" ? "*Imported, not run:*" : "*You ran:*", ...cellBlocks(item.cell));
    else blocks.push(...turnBlocks(item.turn, source.cells));
  }
  if (source.files.length) {
    const list = source.files.map((file) => `- ${escapeInline(file.name)} (${formatSize(file.data.size)})`);
    blocks.push("## Files", list.join("\n"));
  }
  return blocks.join("\n\n") + "\n";
}

function turnBlocks(turn: Turn, cells: Cell[]): string[] {
  const blocks = ["## Question", quote(turn.question)];
  for (const step of turn.steps) {
    if (step.assistant.content.trim()) blocks.push(withoutRemoteImages(step.assistant.content.trim()));
    for (const result of step.results) {
      const cell = cellOf(cells, result.cellId);
      if (cell) blocks.push(...cellBlocks(cell));
      else {
        if (result.code.trim()) blocks.push(fence(result.code, "python"));
        blocks.push(quote(`This code did not run: ${result.message}`));
      }
    }
  }
  if (turn.answer?.content.trim()) blocks.push("**Answer**", withoutRemoteImages(turn.answer.content.trim()));
  if (turn.notice) blocks.push(quote(turn.notice));
  return blocks;
}

function cellBlocks(cell: Cell): string[] {
  const blocks = cell.title ? [`*${escapeInline(cell.title)}*`] : [];
  blocks.push(fence(cell.code, "python"));
  return [...blocks, ...cell.outputs.flatMap(outputBlocks)];
}

function outputBlocks(output: Output): string[] {
  switch (output.type) {
    case "stream":
      return output.text.trim() ? [textBlock(output.text)] : [];
    case "error":
      return [textBlock(output.error.traceback)];
    case "notice":
      return [quote(output.message)];
    case "progress":
      return [];
    case "display":
    case "result":
      return bundleBlocks(output.data);
  }
}

/** The richest thing a bundle holds, as a note, and its text form where that is worth reading. */
function bundleBlocks(data: MimeBundle): string[] {
  for (const [mime, label] of [
    ["image/png", "PNG"],
    ["image/jpeg", "JPEG"],
  ]) {
    if (data[mime]) return [`*[Image: ${label}, ${formatSize(base64Bytes(data[mime]))}]*`];
  }
  if (data["image/svg+xml"]) return [`*[Image: SVG, ${formatSize(new Blob([data["image/svg+xml"]]).size)}]*`];
  if (data["application/vnd.vegalite.v5+json"]) return ["*[Chart: Vega-Lite]*"];
  const text = data["text/plain"];
  // HTML's plain-text form is often the useful part (a DataFrame's table).
  if (data["text/html"]) return ["*[HTML output]*", ...(text?.trim() ? [textBlock(text)] : [])];
  if (data["application/json"] && !text) return [fence(truncate(data["application/json"]), "json")];
  if (data["text/markdown"] && !text) return [data["text/markdown"]];
  return text?.trim() ? [textBlock(text)] : [];
}

const textBlock = (text: string) => fence(truncate(stripAnsi(text)), "text");

/** Base64 carries 3 bytes in 4 characters, less one per "=" of padding. */
const base64Bytes = (base64: string) => {
  const clean = base64.replace(/\s/g, "");
  return Math.floor((clean.length * 3) / 4) - (clean.match(/=*$/)?.[0].length ?? 0);
};
