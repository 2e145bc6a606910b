import { unzipSync } from "fflate";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { source } from "./conversation.testkit";
import { ExportMenu } from "./ExportMenu";
import { exportFile } from "./exports";
import { fromNotebook } from "./import";

describe("exportFile", () => {
  it("saves the notebook as Jupyter does: named from the title, one-space indent, final newline", async () => {
    const file = await exportFile("notebook", source, { pythonVersion: "3.14.0" });
    expect(file.name).toBe("Sales — Q1 _ Nord.ipynb");
    expect(file.type).toBe("application/x-ipynb+json");
    const text = await file.text();
    expect(text).toMatch(/^\{\n "nbformat": 4,\n "nbformat_minor": 5,\n/);
    expect(text.endsWith("}\n")).toBe(true);
    expect(fromNotebook(text)[0]).toBe(source.cells[0].code);
  });

  it("saves the transcript and the files zip under the same name", async () => {
    const markdown = await exportFile("markdown", source);
    expect([markdown.name, markdown.type]).toEqual(["Sales — Q1 _ Nord.md", "text/markdown"]);
    expect(await markdown.text()).toMatch(/^# Sales — Q1 \/ Nord\n/);
    const zip = await exportFile("zip", source);
    expect([zip.name, zip.type]).toEqual(["Sales — Q1 _ Nord.zip", "application/zip"]);
    expect(Object.keys(unzipSync(new Uint8Array(await zip.arrayBuffer())))).toEqual(["out/summary.csv", "plot.png"]);
  });
});

describe("ExportMenu", () => {
  const render = (disabled?: boolean) =>
    renderToStaticMarkup(createElement(ExportMenu, { source: async () => source, onImport: () => {}, disabled }));

  it("starts closed: one Export button controlling a panel not yet shown", () => {
    const html = render();
    expect(html).toMatch(
      /<button type="button" class="secondary" aria-expanded="false" aria-controls="[^"]+">Export<\/button>/,
    );
    expect(html).not.toContain("Export notebook");
    expect(html).not.toContain('role="alert"');
  });

  it("can be disabled", () => {
    expect(render(true)).toContain('disabled="">Export</button>');
  });
});
