import { describe, expect, it } from "vitest";
import { tooltipLines } from "./tooltip";

describe("chart tooltips", () => {
  it("show an object's fields as lines of text, markup included as text", () => {
    expect(tooltipLines({ city: "Seattle", rain: 0.1 + 0.2, tag: "<img src=x onerror=alert(1)>" })).toEqual([
      "city: Seattle",
      "rain: 0.3",
      "tag: <img src=x onerror=alert(1)>",
    ]);
  });

  it("show other values as one line, and nothing for an empty value", () => {
    expect(tooltipLines("just text")).toEqual(["just text"]);
    expect(tooltipLines([1, 2])).toEqual(["[1,2]"]);
    expect(tooltipLines(null)).toEqual([]);
    expect(tooltipLines("")).toEqual([]);
  });
});
