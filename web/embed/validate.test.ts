import { describe, expect, it } from "vitest";
import { EMBED_LIMITS, parseRequest, toFile } from "./validate";

const head = { protocol: "code-interpreter", version: 1, id: "r1" };

describe("parseRequest", () => {
  it("accepts each request type in its exact shape", () => {
    expect(parseRequest({ ...head, type: "ask", question: "How many rows?" })).toEqual({
      kind: "request",
      request: { ...head, type: "ask", question: "How many rows?" },
    });
    expect(parseRequest({ ...head, type: "run", code: "print(1)" })).toMatchObject({ kind: "request" });
    const bytes = new Uint8Array([1, 2, 3]);
    const files = [
      { name: "a.csv", data: "x,y\n1,2\n" },
      { name: "b.bin", data: bytes.buffer },
      { name: "c.bin", data: bytes },
      { name: "d.txt", data: new Blob(["hi"]) },
    ];
    expect(parseRequest({ ...head, type: "addFiles", files })).toMatchObject({ kind: "request" });
  });

  it("calls messages without the protocol marker foreign (other widgets' traffic)", () => {
    for (const data of [null, "ask", 42, [], { type: "ask", question: "q", id: "1" }, { ...head, protocol: "other" }]) {
      expect(parseRequest(data)).toEqual({ kind: "foreign" });
    }
    // A class instance, even with the right fields, is not a plain message.
    class Forged {
      protocol = "code-interpreter";
    }
    expect(parseRequest(new Forged())).toEqual({ kind: "foreign" });
  });

  it("rejects what breaks a rule, saying which", () => {
    const cases: [unknown, RegExp][] = [
      [{ ...head, version: 2, type: "ask", question: "q" }, /version/],
      [{ ...head, version: "1", type: "ask", question: "q" }, /version/],
      [{ ...head, type: "stop" }, /unknown type/],
      [{ ...head, type: "toString" }, /unknown type/],
      [{ ...head, type: "__proto__" }, /unknown type/],
      [{ ...head, type: "ask", question: "q", apiKey: "sk-x" }, /unknown field "apiKey"/],
      [{ ...head, id: "", type: "ask", question: "q" }, /id/],
      [{ ...head, id: 7, type: "ask", question: "q" }, /id/],
      [{ ...head, id: "x".repeat(EMBED_LIMITS.idChars + 1), type: "ask", question: "q" }, /id/],
      [{ ...head, type: "ask", question: "   " }, /question/],
      [{ ...head, type: "ask", question: "q".repeat(EMBED_LIMITS.questionChars + 1) }, /question/],
      [{ ...head, type: "ask", question: { toString: () => "q" } }, /question/],
      [{ ...head, type: "run", code: 1 }, /code/],
      [{ ...head, type: "addFiles", files: [] }, /files/],
      [{ ...head, type: "addFiles", files: "a.csv" }, /files/],
      [
        { ...head, type: "addFiles", files: Array(EMBED_LIMITS.filesPerRequest + 1).fill({ name: "a", data: "" }) },
        /files/,
      ],
      [{ ...head, type: "addFiles", files: [{ name: "a", data: "x", path: "/etc" }] }, /\{ name, data \}/],
      [{ ...head, type: "addFiles", files: [{ name: "", data: "x" }] }, /file name/],
      [{ ...head, type: "addFiles", files: [{ name: "a", data: { length: 3 } }] }, /data/],
      [{ ...head, type: "addFiles", files: [{ name: "a", data: [1, 2] }] }, /data/],
    ];
    for (const [data, reason] of cases) {
      const parsed = parseRequest(data);
      expect(parsed.kind, JSON.stringify(data).slice(0, 80)).toBe("malformed");
      expect(parsed.kind === "malformed" && parsed.reason).toMatch(reason);
    }
  });
});

describe("toFile", () => {
  it("turns text, bytes and views into a File with their exact bytes", async () => {
    const buffer = new Uint8Array([0, 1, 2, 3, 4, 5]).buffer;
    const view = new Uint8Array(buffer, 2, 3);
    expect(await toFile({ name: "t.csv", data: "é,1\n" }).text()).toBe("é,1\n");
    expect(new Uint8Array(await toFile({ name: "b", data: buffer }).arrayBuffer())).toEqual(
      new Uint8Array([0, 1, 2, 3, 4, 5]),
    );
    expect(new Uint8Array(await toFile({ name: "v", data: view }).arrayBuffer())).toEqual(new Uint8Array([2, 3, 4]));
    expect(toFile({ name: "../../x.csv", data: "" }).name).toBe("../../x.csv"); // made safe by the upload path
  });
});
