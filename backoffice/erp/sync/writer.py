"""Batch upsert in plain SQL: INSERT .. ON CONFLICT (key) DO UPDATE .. RETURNING id.

Django's bulk_create(update_conflicts=True) does the same but builds a model instance per row and,
on SQLite, splits batches at 999 parameters; for millions of rows that costs more than the import
itself. Both SQLite (>= 3.35) and PostgreSQL speak this SQL.
"""
from datetime import date
from decimal import Decimal

from django.db import connections, models, router

# Parameters per statement: SQLite >= 3.32 allows 32,766; PostgreSQL 65,535.
MAX_PARAMS = {"sqlite": 32_000, "postgresql": 60_000}


def upsert(model: type[models.Model], rows: list[dict], key_fields: tuple[str, ...], update_fields: tuple[str, ...]) -> list[int]:
    """Insert or update `rows` (dicts of field name -> value, same keys in every row); returns pks in row order."""
    if not rows:
        return []
    connection = connections[router.db_for_write(model)]
    opts = model._meta
    given = list(rows[0])
    # Model defaults live in Python, not in the table: new rows get them here (never in the update).
    defaults = {
        field.attname: field.get_default()
        for field in opts.concrete_fields
        if not field.primary_key and field.attname not in given and field.name not in given
    }
    names = given + list(defaults)
    fields = [opts.get_field(name) for name in names]
    default_values = tuple(defaults.values())
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    keys = ", ".join(quote(opts.get_field(name).column) for name in key_fields)
    updates = ", ".join(f"{quote(opts.get_field(n).column)} = EXCLUDED.{quote(opts.get_field(n).column)}" for n in update_fields)
    action = f"DO UPDATE SET {updates}" if updates else "DO NOTHING"
    # Values that the drivers do not adapt by themselves go through Django's field preparation.
    conversions = [(i, convert) for i, field in enumerate(fields) if (convert := _converter(field, connection))]
    per_statement = max(1, MAX_PARAMS.get(connection.vendor, 30_000) // len(fields))
    placeholder = "(" + ", ".join(["%s"] * len(fields)) + ")"
    if connection.vendor == "postgresql":
        return _upsert_unnest(connection, opts, fields, rows, default_values, conversions, columns, keys, action)
    pks: list[int] = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            params = []
            for row in chunk:
                values = [*row.values(), *default_values]
                for index, convert in conversions:
                    values[index] = convert(values[index])
                params.extend(values)
            sql = (
                f"INSERT INTO {quote(opts.db_table)} ({columns}) VALUES {', '.join([placeholder] * len(chunk))} "
                f"ON CONFLICT ({keys}) {action} RETURNING {quote(opts.pk.column)}"
            )
            cursor.execute(sql, params)
            pks.extend(pk for (pk,) in cursor.fetchall())
    return pks


def _upsert_unnest(connection, opts, fields, rows, default_values, conversions, columns, keys, action) -> list[int]:
    """PostgreSQL: one array parameter per column (INSERT .. SELECT FROM UNNEST), so the statement
    has a handful of placeholders whatever the batch size (as Django 5.2's bulk_create does)."""
    quote = connection.ops.quote_name
    json_columns = {i for i, field in enumerate(fields) if isinstance(field, models.JSONField)}
    casts = [
        "(%s)::text[]" if i in json_columns else f"(%s)::{field.db_type(connection).split('(')[0]}[]"
        for i, field in enumerate(fields)
    ]
    names = [f"c{i}" for i in range(len(fields))]
    select = ", ".join(f"{name}::jsonb" if i in json_columns else name for i, name in enumerate(names))
    arrays = [[] for _field in fields]
    for row in rows:
        values = [*row.values(), *default_values]
        for index, convert in conversions:
            values[index] = convert(values[index])
        for index, value in enumerate(values):
            arrays[index].append(value)
    for index in json_columns:  # jsonb values travel as JSON text, cast back in the SELECT
        arrays[index] = [None if v is None else (v.dumps(v.obj) if hasattr(v, "dumps") else v) for v in arrays[index]]
    sql = (
        f"INSERT INTO {quote(opts.db_table)} ({columns}) "
        f"SELECT {select} FROM UNNEST({', '.join(casts)}) AS u({', '.join(names)}) "
        f"ON CONFLICT ({keys}) {action} RETURNING {quote(opts.pk.column)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, arrays)
        return [pk for (pk,) in cursor.fetchall()]


def _converter(field: models.Field, connection):
    if isinstance(field, models.JSONField):
        return lambda value: field.get_db_prep_save(value, connection)
    if isinstance(field, models.DecimalField) and connection.vendor == "postgresql":
        # one array per column: psycopg refuses a list mixing Decimal and int (e.g. a default of 0)
        return lambda value: value if value is None or isinstance(value, Decimal) else Decimal(value)
    if isinstance(field, models.DateField) and connection.vendor == "sqlite":
        return lambda value: value.isoformat() if isinstance(value, date) else value
    return None


def select_in(model: type[models.Model], columns: list[str], where: dict, in_field: str, values: list) -> list[tuple]:
    """SELECT columns WHERE <where equalities> AND in_field IN (values), in plain SQL (the ORM's
    lookup machinery costs more than the query for thousands of parameters)."""
    if not values:
        return []
    connection = connections[router.db_for_read(model)]
    opts = model._meta
    quote = connection.ops.quote_name

    def column(name):
        return opts.pk.column if name == "pk" else opts.get_field(name).column

    conditions = [f"{quote(column(name))} = %s" for name in where]
    if connection.vendor == "postgresql":
        # One array parameter instead of thousands of placeholders.
        db_type = opts.pk.db_type(connection) if in_field == "pk" else opts.get_field(in_field).db_type(connection)
        conditions.append(f"{quote(column(in_field))} = ANY((%s)::{db_type.split('(')[0]}[])")
        values = [list(values)]
    else:
        conditions.append(f"{quote(column(in_field))} IN ({', '.join(['%s'] * len(values))})")
    sql = f"SELECT {', '.join(quote(column(c)) for c in columns)} FROM {quote(opts.db_table)} WHERE {' AND '.join(conditions)}"
    with connection.cursor() as cursor:
        cursor.execute(sql, [*where.values(), *values])
        return cursor.fetchall()


def refresh_statistics(model: type[models.Model]) -> None:
    """PostgreSQL plans lookups from table statistics; after a bulk load in the same transaction
    they still describe a small table, and each batch's lookup would become a sequential scan."""
    connection = connections[router.db_for_write(model)]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
