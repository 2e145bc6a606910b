import { describe, expect, it } from "vitest";
import { messageOf } from "./message-of";

describe("messageOf", () => {
  it.each([
    [new Error("boom"), "boom"],
    ["plain text", "plain text"],
    [{ message: "from a worker" }, "from a worker"],
    [{ name: "ErrnoError", errno: 44 }, "ErrnoError (no message)"],
    [new Error(""), "Error (no message)"],
    [undefined, "an unknown error"],
    [null, "an unknown error"],
    [42, "an unknown error"],
  ])("%o → %s", (error, expected) => {
    expect(messageOf(error)).toBe(expected);
  });
});
