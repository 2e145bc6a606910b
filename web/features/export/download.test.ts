import { afterEach, describe, expect, it, vi } from "vitest";
import { exportFileName, saveBlob } from "./download";

describe("exportFileName", () => {
  it("derives a safe name from the title", () => {
    expect(exportFileName("Sales by region", "ipynb")).toBe("Sales by region.ipynb");
    expect(exportFileName("Q1/Q2 \\ sales: north?", "md")).toBe("Q1_Q2 _ sales_ north_.md");
    expect(exportFileName("  ../../etc/passwd  ", "zip")).toBe("_.._etc_passwd.zip");
    expect(exportFileName("tab\there\nnewline\u0007bell\u202eevil", "md")).toBe("tab here newline_bell_evil.md");
    expect(exportFileName("Café ✓ 📈", "md")).toBe("Café ✓ 📈.md");
  });

  it("falls back to 'conversation' when nothing usable is left", () => {
    expect(exportFileName("", "ipynb")).toBe("conversation.ipynb");
    expect(exportFileName(" ... ", "md")).toBe("conversation.md");
  });

  it("limits the length, in whole characters", () => {
    const name = exportFileName("📈".repeat(100), "ipynb");
    expect(new TextEncoder().encode(name).length).toBeLessThanOrEqual(100 + ".ipynb".length);
    expect(name).toMatch(/^(📈)+\.ipynb$/u);
  });
});

describe("saveBlob", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it("clicks an attached <a download> with a blob: URL and revokes the URL afterwards", () => {
    vi.useFakeTimers();
    const link = { href: "", download: "", hidden: false, click: vi.fn(), remove: vi.fn() };
    const append = vi.fn();
    vi.stubGlobal("document", { createElement: vi.fn(() => link), body: { append } });
    const create = vi.spyOn(URL, "createObjectURL").mockReturnValue("blob:test/1");
    const revoke = vi.spyOn(URL, "revokeObjectURL").mockImplementation(() => {});

    const blob = new Blob(["{}"]);
    saveBlob(blob, "notebook.ipynb");

    expect(create).toHaveBeenCalledWith(blob);
    expect(link).toMatchObject({ href: "blob:test/1", download: "notebook.ipynb", hidden: true });
    expect(append).toHaveBeenCalledWith(link);
    expect(link.click).toHaveBeenCalledOnce();
    expect(link.remove).toHaveBeenCalledOnce();
    expect(revoke).not.toHaveBeenCalled();
    vi.runAllTimers();
    expect(revoke).toHaveBeenCalledWith("blob:test/1");
  });
});
