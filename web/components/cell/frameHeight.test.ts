import { describe, expect, it } from "vitest";
import { frameHeight } from "./frameHeight";

const table = (rows: number) =>
  `<style scoped>.dataframe tbody tr th { vertical-align: top }</style><table class="dataframe"><thead><tr><th>a</th></tr></thead><tbody>${"<tr><td>1</td></tr>".repeat(rows)}</tbody></table><p>${rows} rows × 1 columns</p>`;

describe("the height of an HTML output's frame", () => {
  it("grows with the rows of a table, ignoring style bodies", () => {
    const small = frameHeight(table(3));
    expect(frameHeight(table(6)) - small).toBe(3 * 22);
    expect(small).toBe(32 + (1 + 3 + 1) * 22);
  });

  it("has room for one line at least, and a cap, so a huge table scrolls inside its frame", () => {
    expect(frameHeight("hello")).toBe(32 + 22);
    expect(frameHeight(table(10_000))).toBe(480);
  });

  it("counts the lines of preformatted text", () => {
    expect(frameHeight("<pre>a\nb\nc</pre>")).toBe(32 + 3 * 22);
  });
});
