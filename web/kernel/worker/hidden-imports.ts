/**
 * Packages a cell needs without importing them. pandas imports its optional readers only when
 * one is first called, where Pyodide's scan of a cell's imports cannot see them, so a cell that
 * calls `pd.read_excel` would fail for want of a package the distribution has.
 */
const HIDDEN_IMPORTS: [pattern: RegExp, pkg: string][] = [
  // Pyodide's distribution has no openpyxl (pandas' default for .xlsx); calamine reads every
  // Excel format and .ods, and the kernel points pandas at it (`_kernel/spreadsheets.py`).
  [/\b(read_excel|ExcelFile)\b/, "python-calamine"],
  [/\b(read|to)_(parquet|feather|orc)\b/, "pyarrow"],
  [/\.style\b/, "jinja2"], // DataFrame.style renders with jinja2
  // df.plot() draws with matplotlib, which a cell relying on figures being captured may not import
  [/\.(plot|hist|boxplot)\b/, "matplotlib"],
  [/\b(read|to)_(html|xml)\b/, "lxml"],
];

/** The packages `code` needs that its imports do not name, of those the package source has. */
export function hiddenImports(code: string, available: (pkg: string) => boolean): string[] {
  return HIDDEN_IMPORTS.filter(([pattern, pkg]) => pattern.test(code) && available(pkg)).map(([, pkg]) => pkg);
}

/** The package that reads spreadsheets, once loaded, is pandas' reader for them. */
export const SPREADSHEET_READER = "python-calamine";
