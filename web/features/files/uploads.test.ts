import { describe, expect, it } from "vitest";
import { MAX_UPLOAD_BYTES, planUploads, renamedMessage, tooLargeMessage, unreadableMessage } from "./uploads";

const file = (name: string, size = 10) => ({ name, size });

describe("planUploads", () => {
  it("caps each file at 100 MiB by default, and the others still go", () => {
    const big = file("big.bin", MAX_UPLOAD_BYTES + 1);
    const edge = file("edge.bin", MAX_UPLOAD_BYTES);
    const plan = planUploads([big, file("a.csv"), edge], []);
    expect(plan.accepted.map((a) => a.name)).toEqual(["a.csv", "edge.bin"]);
    expect(plan.refused).toEqual([
      { file: big, message: "“big.bin” was not uploaded: it is over the 100 MB limit per file." },
    ]);
  });

  it("takes another cap", () => {
    const plan = planUploads([file("a.csv", 2048), file("b.csv", 1024)], [], 1024);
    expect(plan.accepted.map((a) => a.name)).toEqual(["b.csv"]);
    expect(plan.refused[0].message).toContain("1 KB limit");
  });

  it("never reuses a name already there, nor one given earlier in the same batch", () => {
    const plan = planUploads([file("data.csv"), file("data.csv"), file("other.csv")], ["data.csv"]);
    expect(plan.accepted.map((a) => a.name)).toEqual(["data (1).csv", "data (2).csv", "other.csv"]);
  });

  it("stores hostile names under safe ones", () => {
    const plan = planUploads([file("../../etc/passwd"), file("<img src=x>.csv")], []);
    expect(plan.accepted.map((a) => a.name)).toEqual(["passwd", "_img src=x_.csv"]);
  });
});

describe("messages", () => {
  it("name the file, with bidi characters made visible", () => {
    expect(tooLargeMessage("evil\u202Etxt.exe", 100 * 1024 ** 2)).toBe(
      "“evil\uFFFDtxt.exe” was not uploaded: it is over the 100 MB limit per file.",
    );
  });

  it("say when a file was renamed, and only then", () => {
    expect(renamedMessage("../../etc/passwd", "passwd")).toBe("“../../etc/passwd” was saved as “passwd”.");
    expect(renamedMessage("a.csv", "a.csv")).toBeNull();
    // macOS gives names decomposed (NFD); stored composed, they look the same: nothing to say.
    expect(renamedMessage("Cafe\u0301.csv", "Caf\u00e9.csv")).toBeNull();
  });

  it("says a dropped folder is one, not the browser's words for it", () => {
    const reason = "A requested file or directory could not be found at the time an operation was processed.";
    expect(unreadableMessage("photos", reason)).toBe(
      "“photos” could not be uploaded: it is a folder, or could not be read. To upload a folder, drop the files inside it.",
    );
  });
});
