"""CSV downloads for spreadsheets: UTF-8 with a BOM (Excel), streamed, safe against formula
injection (a cell typed by a customer or an ERP must never run as a formula)."""
import csv
from collections.abc import Iterable, Iterator

# A spreadsheet treats a cell starting with one of these as a formula (CSV/formula injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


class _Echo:
    def write(self, value):
        return value


def csv_stream(header: list[str], rows: Iterable[Iterable]) -> Iterator[str]:
    """Lines of a CSV file for a StreamingHttpResponse; every cell goes through csv_safe."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow([csv_safe(cell) for cell in header])
    for row in rows:
        yield writer.writerow([csv_safe(cell) for cell in row])
