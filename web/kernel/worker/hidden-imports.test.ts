import { describe, expect, it } from "vitest";
import { hiddenImports } from "./hidden-imports";

const all = () => true;

describe("hiddenImports", () => {
  it.each([
    ['df = pd.read_excel("sales.xlsx")', ["python-calamine"]],
    ['with pd.ExcelFile("book.ods") as book: print(book.sheet_names)', ["python-calamine"]],
    ['pd.read_parquet("t.parquet")', ["pyarrow"]],
    ['df.to_feather("t.feather")', ["pyarrow"]],
    ["display(df.style.highlight_max())", ["jinja2"]],
    ['df.plot(x="month", y="total")', ["matplotlib"]],
    ["df.total.hist(bins=20)", ["matplotlib"]],
    ['tables = pd.read_html("page.html")', ["lxml"]],
    ['x = pd.read_excel("a.xlsx")\nx.to_parquet("a.parquet")', ["python-calamine", "pyarrow"]],
    ['pd.read_csv("sales.csv")', []],
    ["excel_rows = 3  # not a call of read_excel_file", []],
    ["plotted = histogram(values)", []],
  ])("%s → %j", (code, expected) => {
    expect(hiddenImports(code, all)).toEqual(expected);
  });

  it("names only packages the package source has", () => {
    expect(hiddenImports('pd.read_excel("a.xlsx")', (pkg) => pkg !== "python-calamine")).toEqual([]);
  });
});
