"""The sync engine: stream a file, check rows, compare digests, upsert in batches, deactivate the missing.

Per file (an EntitySync subclass says how its rows map to a model), in batches of lines:
- a line whose digest is stored on an active row is unchanged: no JSON decoding, no checks, no
  write, so re-importing an unchanged package writes nothing (one query per batch);
- the other lines are decoded and checked by the subclass; bad rows are rejected with file, line
  and reason; one query per batch finds the existing rows by their natural key;
- new and changed rows are written with one INSERT .. ON CONFLICT DO UPDATE per batch;
- after a full package, active rows that the package did not mention are deactivated.
Memory holds one batch plus the set of primary keys seen (for duplicates and deactivation).
"""
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import models

from ..package import decode_line
from . import fields as checks
from .fields import RowRejected
from .writer import refresh_statistics, select_in, upsert

BATCH_SIZE = 2000


def line_batches(ctx, file: str):
    """The file's (line number, raw text) pairs in lists of at most BATCH_SIZE."""
    batch: list[tuple[int, str]] = []
    for number, text in ctx.package.raw_lines(file):
        batch.append((number, text))
        if len(batch) >= BATCH_SIZE:
            yield batch
            batch = []
    if batch:
        yield batch
MAX_STORED_ERRORS = 10_000
ANALYZE_AFTER = 10_000  # rows inserted before table statistics are refreshed (then x4 each time)
DUPLICATE = "duplicate record: the same key appears earlier in the package"


def digest(line: str) -> str:
    """Digest of a record as the ERP wrote it. An ERP that re-serialises an unchanged record
    differently only causes one needless update, never a missed change."""
    return hashlib.blake2b(line.encode("utf-8"), digest_size=16).hexdigest()


@dataclass
class Counts:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    deactivated: int = 0
    rejected: int = 0
    skipped: int = 0


@dataclass
class Rejection:
    file: str
    line: int | None
    erp_id: str
    reason: str


@dataclass
class Row:
    line: int
    record: dict
    key: tuple
    fields: dict
    digest: str
    pk: int | None = None
    is_new: bool = False


@dataclass
class SyncContext:
    """State shared by the files of one package: counts, rejections and ERP id -> pk maps."""

    package: object
    images: object = None  # ImageStore for this package (set by the service)
    counts: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    rejections: list[Rejection] = field(default_factory=list)
    rejected_total: int = 0
    _maps: dict = field(default_factory=dict)

    @property
    def full(self) -> bool:
        return self.package.kind == "full"

    def reject(self, file: str, line: int | None, erp_id: str, reason: str) -> None:
        self.rejected_total += 1
        if len(self.rejections) < MAX_STORED_ERRORS:
            self.rejections.append(Rejection(file, line, erp_id[:200], reason))

    def id_map(self, model: type[models.Model], key: str = "erp_id", value: str = "pk") -> dict:
        """key -> value (erp_id -> pk by default) over a whole table, cached until `forget`."""
        cache_key = (model, key, value)
        if cache_key not in self._maps:
            qs = model._default_manager.exclude(**{f"{key}__isnull": True}).values_list(key, value)
            self._maps[cache_key] = dict(qs.iterator(chunk_size=20000))
        return self._maps[cache_key]

    def forget(self, model: type[models.Model]) -> None:
        for cache_key in [k for k in self._maps if k[0] is model]:
            del self._maps[cache_key]

    def ref(self, model: type[models.Model], erp_id_value: str | None, what: str, key: str = "erp_id") -> int:
        pk = self.id_map(model, key).get(erp_id_value)
        if pk is None:
            raise RowRejected(f"unknown {what} '{erp_id_value}'")
        return pk


class EntitySync:
    """How one file of the package maps onto one model. Subclasses fill in the blanks."""

    file: str
    model: type[models.Model]
    # Composite keys made of references: (key field, referenced model, record field, what it is),
    # e.g. ("product_id", Product, "product_erp_id", "product"). Without them the key is erp_id.
    key_refs: tuple[tuple[str, type[models.Model], str, str], ...] = ()
    update_fields: tuple[str, ...] = ()
    derived_models: tuple[type[models.Model], ...] = ()  # tables after_write fills from the same rows

    @property
    def key_fields(self) -> tuple[str, ...]:
        return tuple(field for field, _model, _source, _what in self.key_refs) or ("erp_id",)

    def resolve_keys(self, record: dict, ctx: "SyncContext") -> dict:
        """The key fields of a row from its ERP references (rejected when one is unknown)."""
        return {field: ctx.ref(model, checks.erp_id(record, source), what) for field, model, source, what in self.key_refs}

    @property
    def label(self) -> str:
        return self.file.removesuffix(".jsonl")

    def record_id(self, record: dict) -> str:
        """How a row is named in error reports: its ERP id, or its key parts joined by '/'."""
        if self.key_refs:
            return "/".join(str(record.get(source)) for _field, _model, source, _what in self.key_refs)
        return str(record.get("erp_id") or "")

    def parse(self, record: dict, ctx: SyncContext) -> dict:
        raise NotImplementedError

    def skip(self, record: dict, ctx: SyncContext) -> bool:
        """True for rows that are valid but not imported (e.g. customers without B2B access)."""
        return False

    def managed(self):
        """The rows this file owns: only those can be deactivated by a full package."""
        return self.model._default_manager.all()

    def after_write(self, rows: list[Row], ctx: SyncContext) -> None:
        """Write dependent rows (translations, units, addresses) of new or changed records."""

    def finish(self, ctx: SyncContext) -> None:
        """After the whole file (e.g. rebuild category paths)."""

    # The engine ------------------------------------------------------------------------------

    def existing_pk(self, record: dict, ctx: SyncContext) -> int | None:
        """The stored record a (rejected) row stands for, found without trusting the row's values."""
        if self.key_refs:
            key = [ctx.id_map(model).get(record.get(source)) for _field, model, source, _what in self.key_refs]
        else:
            key = [record.get("erp_id")]
        if any(part is None or isinstance(part, (dict, list)) for part in key):
            return None
        *prefix, last = key
        found = select_in(self.model, ["pk"], dict(zip(self.key_fields[:-1], prefix)), self.key_fields[-1], [last])
        return found[0][0] if found else None

    def run(self, ctx: SyncContext) -> None:
        seen_pks: set[int] = set()
        # On a first import no stored digest can match: skip that query for every batch.
        self._had_rows = self.model._default_manager.exists()
        self._next_analyze = ANALYZE_AFTER
        for batch in line_batches(ctx, self.file):
            self._process(batch, ctx, seen_pks)
        if ctx.counts[self.label].inserted > ANALYZE_AFTER:
            self._refresh_statistics()
        if ctx.full:
            ctx.counts[self.label].deactivated += self._deactivate_missing(seen_pks)
        ctx.forget(self.model)
        self.finish(ctx)

    def _process(self, lines: list[tuple[int, str]], ctx: SyncContext, seen_pks: set[int]) -> None:
        """Unchanged lines are recognised by digest alone (no JSON decoding, no checks); the rest
        are decoded, checked and written."""
        counts = ctx.counts[self.label]
        digests = [digest(text) for _number, text in lines]
        stored = {}
        if self._had_rows:
            stored = {
                erp_hash: (pk, bool(active))
                for pk, erp_hash, active in select_in(self.model, ["pk", "erp_hash", "is_active"], {}, "erp_hash", digests)
            }
        rows: list[Row] = []
        for (number, text), line_digest in zip(lines, digests):
            known = stored.get(line_digest)
            if known is not None and known[1]:
                if known[0] in seen_pks:
                    counts.rejected += 1
                    ctx.reject(self.file, number, "", DUPLICATE)
                else:
                    seen_pks.add(known[0])
                    counts.unchanged += 1
                continue
            line = decode_line(number, text)
            if line.error:
                counts.rejected += 1
                ctx.reject(self.file, number, "", line.error)
                continue
            record = line.record
            try:
                if self.skip(record, ctx):
                    counts.skipped += 1
                    continue
                fields = self.parse(record, ctx)
            except RowRejected as exc:
                counts.rejected += 1
                ctx.reject(self.file, number, self.record_id(record), str(exc))
                # A bad row about a stored record leaves that record as it is: not deactivated.
                if ctx.full and (pk := self.existing_pk(record, ctx)) is not None:
                    seen_pks.add(pk)
                continue
            rows.append(Row(number, record, tuple(fields[f] for f in self.key_fields), fields, line_digest))
        if rows:
            self._flush(rows, ctx, seen_pks)
        inserted = ctx.counts[self.label].inserted
        if inserted >= self._next_analyze:
            self._refresh_statistics()
            self._next_analyze = inserted * 4

    def _refresh_statistics(self) -> None:
        refresh_statistics(self.model)
        if hasattr(self.model, "_parler_meta"):
            refresh_statistics(self.model._parler_meta.root_model)
        for model in self.derived_models:
            refresh_statistics(model)

    def _existing(self, rows: list[Row]) -> dict[tuple, tuple]:
        """key -> (pk, digest, is_active) for the batch, in one query per value of the first key."""
        columns = [*self.key_fields, "pk", "erp_hash", "is_active"]
        found = {}
        if len(self.key_fields) == 1:
            groups = {(): [row.key[0] for row in rows]}
        else:
            groups = defaultdict(list)
            for row in rows:
                groups[row.key[:-1]].append(row.key[-1])
        width = len(self.key_fields)
        for prefix, last_values in groups.items():
            where = dict(zip(self.key_fields[:-1], prefix))
            for values in select_in(self.model, columns, where, self.key_fields[-1], last_values):
                found[tuple(values[:width])] = (values[width], values[width + 1], bool(values[width + 2]))
        return found

    def _flush(self, rows: list[Row], ctx: SyncContext, seen_pks: set[int]) -> None:
        counts = ctx.counts[self.label]
        existing = self._existing(rows)
        batch_keys: set[tuple] = set()
        to_write: list[Row] = []
        for row in rows:
            current = existing.get(row.key)
            if row.key in batch_keys or (current and current[0] in seen_pks):
                counts.rejected += 1
                ctx.reject(self.file, row.line, self.record_id(row.record), DUPLICATE)
                continue
            batch_keys.add(row.key)
            active = row.record.get("active", True) is not False
            if current is None:
                if not active:
                    counts.skipped += 1
                    continue
                row.is_new = True
                counts.inserted += 1
            else:
                row.pk = current[0]
                seen_pks.add(row.pk)
                if current[1] == row.digest and current[2] == active:
                    counts.unchanged += 1
                    continue
                if active:
                    counts.updated += 1
                else:
                    counts.deactivated += 1
            row.fields["is_active"] = active
            row.fields["erp_hash"] = row.digest
            to_write.append(row)
        if not to_write:
            return
        pks = upsert(self.model, [row.fields for row in to_write], self.key_fields, (*self.update_fields, "is_active", "erp_hash"))
        for row, pk in zip(to_write, pks):
            row.pk = pk
            seen_pks.add(pk)
        self.after_write(to_write, ctx)

    def _deactivate_missing(self, seen_pks: set[int]) -> int:
        missing, total = [], 0
        for pk in self.managed().filter(is_active=True).values_list("pk", flat=True).iterator(chunk_size=20000):
            if pk not in seen_pks:
                missing.append(pk)
            if len(missing) >= BATCH_SIZE:
                total += self.model._default_manager.filter(pk__in=missing).update(is_active=False)
                missing = []
        if missing:
            total += self.model._default_manager.filter(pk__in=missing).update(is_active=False)
        return total
