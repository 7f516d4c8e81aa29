"""PostgreSQL only: trigram GIN indexes for substring and typo-tolerant search (pg_trgm).

SQLite keeps the plain tables; its search backend scans them (see docs/search.md). Creating the
extension needs a role allowed to (the database owner on PostgreSQL 13+, pg_trgm is trusted).
"""
from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS catalog_searchdocument_text_trgm ON catalog_searchdocument USING gin (text gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS catalog_searchdocument_name_trgm ON catalog_searchdocument USING gin (name gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS catalog_searchdocument_name_trgm",
    "DROP INDEX IF EXISTS catalog_searchdocument_text_trgm",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("catalog", "0002_searchdocument_searchsynonym_category_restricted_and_more")]
    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
