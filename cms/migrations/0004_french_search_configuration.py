"""On PostgreSQL, a text search configuration for the site search: French stemming, and words
compared without their accents (the ``unaccent`` extension, which a database owner may create).
Nothing to do on SQLite, whose full-text index already ignores accents.

Pages indexed before this migration keep their old index entries until ``manage.py
update_index`` runs (docs/configuration.md).
"""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'eig_french') THEN
        CREATE TEXT SEARCH CONFIGURATION eig_french (COPY = pg_catalog.french);
        ALTER TEXT SEARCH CONFIGURATION eig_french
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
    END IF;
END
$$;
"""
DROP = "DROP TEXT SEARCH CONFIGURATION IF EXISTS eig_french;"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("cms", "0003_public_site_pages")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
