"""C06: a CSV or Excel file of "EAN or SKU;quantity" lines into the cart.

CSV: semicolon, comma or tab separated (guessed from the first lines), with or without a header
row, UTF-8 (with or without BOM) or Windows-1250 (what Polish Excel saves), decimal comma
accepted. Excel: the first sheet of an .xlsx file, first two columns. The file is checked before
anything is read into the cart: at most MAX_FILE_SIZE bytes, a .csv/.xlsx name and content that
matches it. Lines are parsed, looked up and added by cart_lines.py (the quick-order pad's code),
so 1,000 lines cost a few queries; every refused line comes back with its number and reason.
"""
import csv
import io
import zipfile
from collections.abc import Iterator
from decimal import Decimal

from django.utils.translation import gettext as _

from backoffice.catalog.selectors import CatalogAccess
from backoffice.core.csv_export import csv_safe

from .cart_lines import MAX_LINES, LinesReport, lines_add, source_lines
from .models import Cart

MAX_FILE_SIZE = 2 * 1024 * 1024
MAX_UNPACKED_SIZE = 40 * 1024 * 1024  # an .xlsx is a zip: refuse "zip bombs" before openpyxl unpacks them
EXTENSIONS = (".csv", ".xlsx")
ZIP_MAGIC = b"PK\x03\x04"


class ImportFileError(ValueError):
    """The file as a whole cannot be imported (the message says why, in the user's language)."""


def decode_csv(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1250", errors="replace")


def _delimiter(text: str) -> str:
    sample = "\n".join(text.splitlines()[:20])
    for delimiter in (";", "\t"):
        if delimiter in sample:
            return delimiter
    return ","


def csv_rows(text: str) -> Iterator[tuple[int, list[str]]]:
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    for cells in reader:
        # An unquoted decimal comma in a comma-separated file: "ABC,2,5" is 2.5 of ABC.
        if delimiter == "," and len(cells) == 3 and cells[1].strip().isdigit() and cells[2].strip().isdigit():
            cells = [cells[0], f"{cells[1].strip()},{cells[2].strip()}"]
        yield reader.line_num, cells


def _cell_text(value) -> str:
    """Excel keeps numbers as floats: an EAN 5901234123457.0 must stay 5901234123457."""
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(Decimal(repr(value)))
    return str(value)


def xlsx_rows(data: bytes) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook  # defusedxml is installed, so openpyxl parses safely

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(member.file_size for member in archive.infolist()) > MAX_UNPACKED_SIZE:
                raise ImportFileError(_("The Excel file is too large when unpacked. Save only the columns needed, or as .csv."))
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        for number, row in enumerate(sheet.iter_rows(max_col=2, max_row=MAX_LINES * 2, values_only=True), start=1):
            yield number, [_cell_text(value) for value in row]
        workbook.close()
    except ImportFileError:
        raise
    except (zipfile.BadZipFile, KeyError, IndexError, OSError, ValueError, TypeError) as error:
        raise ImportFileError(_("The Excel file could not be read. Save it again as .xlsx or .csv.")) from error


def _rows(name: str, data: bytes) -> Iterator[tuple[int, list[str]]]:
    lower = name.lower()
    if not lower.endswith(EXTENSIONS):
        raise ImportFileError(_("Choose a .csv or .xlsx file."))
    if len(data) > MAX_FILE_SIZE:
        raise ImportFileError(_("The file is too large: at most %(size)s MB.") % {"size": MAX_FILE_SIZE // (1024 * 1024)})
    if not data.strip():
        raise ImportFileError(_("The file is empty."))
    if lower.endswith(".xlsx"):
        if not data.startswith(ZIP_MAGIC):
            raise ImportFileError(_("This is not an Excel .xlsx file."))
        return xlsx_rows(data)
    if data.startswith(ZIP_MAGIC) or b"\x00" in data[:4096]:
        raise ImportFileError(_("This is not a CSV text file."))
    return csv_rows(decode_csv(data))


def cart_import_file(*, cart: Cart, access: CatalogAccess, name: str, data: bytes) -> LinesReport:
    """Import one uploaded file; a file-level problem comes back as report.error, nothing added."""
    try:
        lines = source_lines(_rows(name, data))
    except ValueError as error:  # ImportFileError, or too many lines
        return LinesReport(error=str(error))
    except csv.Error as error:
        return LinesReport(error=_("The CSV file could not be read: %(error)s") % {"error": error})
    if not lines:
        return LinesReport(error=_("The file has no lines to import."))
    return lines_add(cart=cart, access=access, lines=lines)


def sample_csv(examples: list[tuple[str, str]]) -> str:
    """The example file offered on the import page (semicolon, decimal comma, header row);
    `examples` are (code, quantity) rows, e.g. products the customer may buy."""
    rows = [(_("EAN or SKU"), _("quantity")), *examples]
    return "\ufeff" + "".join(f"{csv_safe(code)};{csv_safe(quantity)}\r\n" for code, quantity in rows)
