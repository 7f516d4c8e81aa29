"""PostgreSQL only: make the planner use the trigram index for typo matching.

pg_trgm declares its similarity operators as cheap as "=", so on a 100k-row table the planner
prefers a sequential scan that computes the similarity for every row (seconds) over the GIN
index (milliseconds). A realistic cost fixes the plan. The extension's owner (the database owner
who created it) may change it; otherwise the migration only says so and search still works.
"""
from django.db import migrations

FORWARD = """
DO $$
BEGIN
    ALTER FUNCTION strict_word_similarity_commutator_op(text, text) COST 100;
    ALTER FUNCTION strict_word_similarity_op(text, text) COST 100;
EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'pg_trgm operator costs unchanged (not the extension owner): typo search may be slow';
END $$;
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0003_search_trigram_index")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
