import { describe, expect, it } from "vitest";
import { groundAnswer, type GroundingSource } from "./grounding";
import { extractNumbers } from "./grounding-numbers";

const weather: GroundingSource[] = [
  { cellId: "c1", text: "   date  temp_max\n0  2012-01-01  12.8\n1  2012-01-02  10.6\n" },
  { cellId: "c2", text: "Rows: 1461\nMean temp_max: 16.439083\nRain days: 641 (43.87%)\n" },
];

const describeOutput = [
  "          temp_max     temp_min",
  "count  1461.000000  1461.000000",
  "mean     16.439083     8.234771",
  "std       7.349758     5.023004",
  "min      -1.600000    -7.100000",
  "25%      10.600000     4.400000",
  "50%      15.600000     8.300000",
  "75%      22.200000    12.200000",
  "max      35.600000    18.300000",
].join("\n");

/** claim text → cellId it was traced to, or null. */
function traceMap(answer: string, sources: GroundingSource[], question?: string): Record<string, string | null> {
  const report = groundAnswer(answer, sources, question);
  return Object.fromEntries(report.numbers.map((n) => [n.text, n.source?.cellId ?? null]));
}

const one = (text: string): GroundingSource[] => [{ cellId: "c1", text }];

describe("groundAnswer", () => {
  it("traces a realistic CSV answer to the cell that printed each number", () => {
    const answer =
      "The dataset has 1,461 rows; the average maximum temperature is 16.4 °C and it rained on 641 days (about 44%).";
    const report = groundAnswer(answer, weather);
    expect(report.numbers.map((n) => [n.text, n.source])).toEqual([
      ["1,461", { cellId: "c2", match: "1461" }],
      ["16.4", { cellId: "c2", match: "16.439083" }],
      ["641", { cellId: "c2", match: "641" }],
      ["44%", { cellId: "c2", match: "43.87%" }],
    ]);
    expect(report).toMatchObject({ traced: 4, untraced: 0 });
    for (const n of report.numbers) expect(answer.slice(n.start, n.end)).toBe(n.text);
  });

  it("leaves a hallucinated statistic untraced", () => {
    const report = groundAnswer("The mean is 16.44 and the median is 15.2.", weather);
    expect(report.numbers.map((n) => [n.text, n.source?.cellId ?? null])).toEqual([
      ["16.44", "c2"],
      ["15.2", null],
    ]);
    expect(report).toMatchObject({ traced: 1, untraced: 1 });
  });

  it("rejects a close but wrongly rounded or truncated number", () => {
    expect(traceMap("16.5 vs 16.4 vs 16.44 vs 16.43 vs 16", weather)).toEqual({
      "16.5": null,
      "16.4": "c2",
      "16.44": "c2",
      "16.43": null,
      "16": "c2",
    });
  });

  it("compares at the claim's precision: decimals, thousands separators and k suffix", () => {
    const sources = one("total = 1234.5678");
    expect(traceMap("1,234.57 / 1\u202f234.6 / 1235 / 1.23k / 1.2K / 1,234.58 / 1.24k", sources)).toEqual({
      "1,234.57": "c1",
      "1\u202f234.6": "c1",
      "1235": "c1",
      "1.23k": "c1",
      "1.2K": "c1",
      "1,234.58": null,
      "1.24k": null,
    });
  });

  it("handles currency with magnitude suffixes and spelled-out millions", () => {
    const report = groundAnswer("Revenue was $1.2M, costs €0.9 million, and 3.2 million users.", [
      { cellId: "rev", text: "revenue 1234567.89\ncosts 912000.0" },
      { cellId: "users", text: "Users: 3,200,000" },
    ]);
    expect(report.numbers.map((n) => [n.text, n.value, n.unit, n.source?.cellId])).toEqual([
      ["$1.2M", 1_200_000, "$", "rev"],
      ["€0.9 million", 900_000, "€", "rev"],
      ["3.2 million", 3_200_000, null, "users"],
    ]);
    expect(traceMap("$1.3M and 3.3 million", [{ cellId: "x", text: "1234567.89 3200000" }])).toEqual({
      "$1.3M": null,
      "3.3 million": null,
    });
  });

  it("matches percentages to fractions (×100) and to the same number", () => {
    expect(traceMap("12.3%, 12%, 12.35 %, 12.4%", one("share: 0.12345"))).toEqual({
      "12.3%": "c1",
      "12%": "c1",
      "12.35 %": "c1",
      "12.4%": null,
    });
    expect(traceMap("12.3% of rows, 8 percent", one("pct 12.3\nother 7.96"))).toEqual({
      "12.3%": "c1",
      "8 percent": "c1",
    });
    // An output percentage also supports its fraction.
    expect(traceMap("a share of 0.44", weather)).toEqual({ "0.44": "c2" });
  });

  it("respects explicit signs and accepts unsigned magnitudes of negative output", () => {
    const sources = one("corr: -0.7512\nchange: 0.031");
    const report = groundAnswer("r = -0.75 (or −0.75), a drop of 0.75; growth +3.1% but not -3.1%", sources);
    expect(report.numbers.map((n) => [n.text, n.value, n.source !== null])).toEqual([
      ["-0.75", -0.75, true],
      ["−0.75", -0.75, true],
      ["0.75", 0.75, true],
      ["+3.1%", 3.1, true],
      ["-3.1%", -3.1, false],
    ]);
    expect(traceMap("r = -0.75", one("corr: 0.7512"))).toEqual({ "-0.75": null });
  });

  it("reads scientific notation and numpy reprs in output, and scientific claims", () => {
    const sources = one("np.float64(3.14159)\n1.234568e+06\np = 1e-05\nfloat64");
    expect(traceMap("pi ≈ 3.14, n ≈ 1.23 million (1,234,568), p = 0.00001, p = 1e-5, 64", sources)).toEqual({
      "3.14": "c1",
      "1.23 million": "c1",
      "1,234,568": "c1",
      "0.00001": "c1",
      "1e-5": "c1",
      "64": null,
    });
    const report = groundAnswer("About 1.2e6 rows, i.e. 1.2 × 10^6 or 1.2×10⁶.", one("rows 1234567"));
    expect(report.numbers.map((n) => [n.text, n.value, n.source !== null])).toEqual([
      ["1.2e6", 1.2e6, true],
      ["1.2 × 10^6", 1.2e6, true],
      ["1.2×10⁶", 1.2e6, true],
    ]);
  });

  it("ignores numbers in inline code and code blocks", () => {
    const answer = [
      "I ran `df.head(5)` and `x = 99.5`:",
      "```python",
      "print(df.iloc[42])",
      "```",
      "Result: 641.",
    ].join("\n");
    expect(groundAnswer(answer, weather).numbers.map((n) => n.text)).toEqual(["641"]);
    // An unclosed fence still hides everything after it.
    expect(groundAnswer("Done: 641\n```\n123\n", weather).numbers.map((n) => n.text)).toEqual(["641"]);
  });

  it("ignores list markers, numbered headings and enumerators, but keeps bullet content", () => {
    const answer = [
      "## 1. Summary",
      "1. The dataset has 1461 rows.",
      "2) In Step 2 (see Table 3 and cell 4) it rained 641 days.",
      "   10. nested item",
      "- 3 outliers",
      "> 3. quoted marker",
    ].join("\n");
    const report = groundAnswer(answer, weather);
    expect(report.numbers.map((n) => n.text)).toEqual(["1461", "641", "3"]);
    expect(report.numbers[2]).toMatchObject({ trivial: true, source: null });
  });

  it("counts numbers from the question as traced, after every cell", () => {
    const question = "Which of the top 5 stations had more than 30 mm of rain in 2012?";
    const report = groundAnswer("Of the top 5 stations, 2 exceeded 30 mm in 2012.", one("exceeded: 2\n"), question);
    expect(report.numbers.map((n) => [n.text, n.source?.cellId ?? null])).toEqual([
      ["5", "question"],
      ["2", "c1"],
      ["30", "question"],
      ["2012", "question"],
    ]);
    expect(traceMap("in 2012", weather, "rain in 2012?")).toEqual({ "2012": "c1" });
  });

  it("traces a GFM table built from a describe() output", () => {
    const answer = [
      "| statistic | temp_max | temp_min |",
      "|---|---:|---:|",
      "| count | 1,461 | 1,461 |",
      "| mean | 16.44 | 8.23 |",
      "| std | 7.35 | 5.02 |",
      "| min | -1.6 | -7.1 |",
      "| 25% | 10.6 | 4.4 |",
      "| median | 15.6 | 8.3 |",
      "| max | 35.6 | 18.4 |",
    ].join("\n");
    const report = groundAnswer(answer, [{ cellId: "desc", text: describeOutput }]);
    expect(report.numbers).toHaveLength(15);
    expect(report.numbers.filter((n) => n.source === null).map((n) => n.text)).toEqual(["18.4"]);
    expect(report.numbers.find((n) => n.text === "-1.6")?.source).toEqual({ cellId: "desc", match: "-1.600000" });
  });

  it("reads ranges as two positive numbers, with en dash or hyphen", () => {
    const report = groundAnswer(
      "Most days were 10–20 °C, nights 4-8 °C; COVID-19 aside.",
      one("q10 10.2 q90 19.8 4.4 8.1"),
    );
    expect(report.numbers.map((n) => n.value)).toEqual([10, 20, 4, 8]);
    expect(report).toMatchObject({ traced: 4, untraced: 0 });
  });

  it("prefers the last cell that supports a number, and an exact match within it", () => {
    const sources: GroundingSource[] = [
      { cellId: "a", text: "n=641" },
      { cellId: "b", text: "mean 640.9 count 641" },
      { cellId: "c", text: "unrelated 3.5" },
    ];
    expect(groundAnswer("641 days", sources).numbers[0].source).toEqual({ cellId: "b", match: "641" });
    expect(traceMap("641 days", sources.slice(0, 1))).toEqual({ "641": "a" });
  });

  it("marks bare small integers as trivial and nothing else", () => {
    const report = groundAnswer("3 columns, 10 files, 11 rows, -4 dips, 3.5 avg, 5% share, $5 fee, 2k users", []);
    const trivial = Object.fromEntries(report.numbers.map((n) => [n.text, n.trivial]));
    expect(trivial).toEqual({
      3: true,
      10: true,
      11: false,
      "-4": true,
      3.5: false,
      "5%": false,
      $5: false,
      "2k": false,
    });
    expect(report).toMatchObject({ traced: 0, untraced: 8 });
  });

  it("lets a hedge round an integer to two significant figures, but only with a hedge", () => {
    expect(traceMap("about 1,500 rows", weather)).toEqual({ "1,500": "c2" });
    expect(traceMap("roughly 640 rainy days", weather)).toEqual({ "640": "c2" });
    expect(traceMap("roughly 650 rainy days", weather)).toEqual({ "650": null }); // 641 → 640, not 650
    expect(traceMap("1,500 rows", weather)).toEqual({ "1,500": null });
    expect(traceMap("about 1,000 rows", weather)).toEqual({ "1,000": null }); // 1461 is not ~1,000
    expect(traceMap("about 40% rain", weather)).toEqual({ "40%": null }); // two digits: no extra slack
  });

  it("reads European notation: dot groups, decimal commas, Mio.", () => {
    const output = "Wien 328114.59 0.4054\ntotal 809270.84";
    const answer = "Wien: 328.114,59 € (40,5 %). Gesamt: 809.270,84 €, rund 0,81 Mio. €; am 15.01.2024.";
    expect(traceMap(answer, one(output))).toEqual({
      "328.114,59": "c1",
      "40,5 %": "c1",
      "809.270,84": "c1",
      "0,81 Mio": "c1",
    });
    // English stays English: a comma before three digits groups thousands, a lone dot is a decimal.
    expect(traceMap("1,234 and 1.234", one("1234 1.234"))).toEqual({ "1,234": "c1", "1.234": "c1" });
  });

  it("skips identifiers, versions, URLs and link targets", () => {
    const answer =
      "Using Python 3.11.2 and float64 column temp_max2 from [data](https://x.org/2012/641.csv) in Q3: 641.";
    expect(groundAnswer(answer, weather).numbers.map((n) => n.text)).toEqual(["641"]);
  });

  it("handles empty input and outputs with nothing to match", () => {
    expect(groundAnswer("", weather)).toEqual({ numbers: [], traced: 0, untraced: 0 });
    expect(groundAnswer("No numbers here.", [])).toEqual({ numbers: [], traced: 0, untraced: 0 });
    expect(groundAnswer("It is 16.4.", [{ cellId: "c1", text: "" }])).toMatchObject({ traced: 0, untraced: 1 });
  });
});

describe("extractNumbers (output mode)", () => {
  it("reads comma-grouped output both as one number and as separate CSV fields", () => {
    const tokens = extractNumbers("total: 1,234,567\nid,count\n1,234\n", "output").map((t) => [t.text, t.value]);
    const readings = [
      ["1,234,567", 1234567],
      ["1,234", 1234],
      ["1", 1],
      ["234", 234],
    ];
    expect(tokens).toEqual(expect.arrayContaining(readings));
  });

  it("reads dates in a dataframe as their parts and ignores dtype names", () => {
    const values = extractNumbers("0  2012-01-01  12.8\nName: temp_max, dtype: float64", "output").map((t) => t.value);
    expect(values).toEqual([0, 2012, 1, 1, 12.8]);
  });
});
