import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { files } from "./conversation.testkit";
import { filesZip, zipPath } from "./zip";

const bytes = (text: string) => new TextEncoder().encode(text).buffer as ArrayBuffer;
const unzip = (zip: Uint8Array) =>
  Object.fromEntries(Object.entries(unzipSync(zip)).map(([name, data]) => [name, new TextDecoder().decode(data)]));

describe("filesZip", () => {
  it("zips the files with their folders and their exact bytes", async () => {
    const read = await Promise.all(files.map(async ({ name, data }) => ({ name, data: await data.arrayBuffer() })));
    const entries = unzipSync(filesZip(read));
    expect(Object.keys(entries)).toEqual(["out/summary.csv", "plot.png"]);
    expect(new TextDecoder().decode(entries["out/summary.csv"])).toBe("region,total\nnorth,12\n");
    expect(entries["plot.png"]).toEqual(new Uint8Array(read[1].data));
  });

  it("keeps every entry inside the folder it is unpacked into", () => {
    const zip = filesZip([
      { name: "../../etc/passwd", data: bytes("a") },
      { name: "/abs/./x.txt", data: bytes("b") },
      { name: "C:\\Users\\me\\evil.bat", data: bytes("c") },
      { name: "..", data: bytes("d") },
      { name: ".hidden", data: bytes("e") },
      { name: "ctrl\u0000\u202ename.txt", data: bytes("f") },
    ]);
    expect(unzip(zip)).toEqual({
      "etc/passwd": "a",
      "abs/x.txt": "b",
      "C_/Users/me/evil.bat": "c",
      file: "d",
      hidden: "e",
      "ctrl__name.txt": "f",
    });
  });

  it("never lets two files share a name, even on a case-insensitive disk", () => {
    const zip = filesZip([
      { name: "data.csv", data: bytes("1") },
      { name: "Data.csv", data: bytes("2") },
      { name: "data.csv", data: bytes("3") },
      { name: "dir/data.csv", data: bytes("4") },
    ]);
    expect(unzip(zip)).toEqual({ "data.csv": "1", "Data (1).csv": "2", "data (2).csv": "3", "dir/data.csv": "4" });
  });

  it("makes an empty zip for no files", () => {
    expect(unzipSync(filesZip([]))).toEqual({});
  });
});

describe("zipPath", () => {
  it("shortens a segment past 255 bytes, keeping its extension", () => {
    const path = zipPath(`dir/${"é".repeat(200)}.csv`);
    const name = path.split("/")[1];
    expect(new TextEncoder().encode(name).length).toBeLessThanOrEqual(255);
    expect(name).toMatch(/^é+\.csv$/);
  });
});
