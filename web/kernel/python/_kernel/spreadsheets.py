"""pandas reads .xlsx with openpyxl unless told otherwise, and Pyodide's distribution has no
openpyxl. It has python-calamine, which pandas (2.2 and later) reads every Excel format and
OpenDocument spreadsheets with. The worker loads it for cells that read a spreadsheet, then calls
`use_calamine`.
"""

from importlib.util import find_spec

FORMATS = ("xls", "xlsx", "xlsm", "xlsb", "ods")


def use_calamine() -> None:
    """Makes calamine pandas' reader for every spreadsheet format still left to pandas ("auto"),
    unless openpyxl is there to do it as pandas would. Imports pandas, which the cell is about to."""
    if find_spec("openpyxl") or not find_spec("python_calamine") or not find_spec("pandas"):
        return
    try:
        import pandas
    except Exception:  # the cell's own import will show what is wrong
        return

    for name in FORMATS:
        option = f"io.excel.{name}.reader"
        if pandas.get_option(option) == "auto":
            pandas.set_option(option, "calamine")
