"""Settings are read from the environment once, here; nothing else in the code reads os.environ."""
import os

import dj_database_url


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SQLITE_OPTIONS = {
    # A web server and a django-q2 cluster write at once: WAL + immediate transactions avoid
    # "database is locked" (see STACK.md).
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}


def database_from_env(default_url: str) -> dict:
    config = dj_database_url.parse(env_str("DATABASE_URL", default_url), conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = dict(SQLITE_OPTIONS)
        config["CONN_MAX_AGE"] = 0
    elif "postgresql" in config["ENGINE"]:
        # Catalog search forgives one or two wrong letters in a word (docs/search.md); pg_trgm's
        # default 0.5 misses "wiertraka" for "wiertarka". Set per connection, no superuser needed.
        threshold = env_str("SEARCH_TYPO_THRESHOLD", "0.4")
        options = config.setdefault("OPTIONS", {})
        # JIT compilation costs hundreds of milliseconds and pays off only for long reports; the
        # default random_page_cost (4, spinning disks) makes the planner skip the search indexes.
        page_cost = float(env_str("PG_RANDOM_PAGE_COST", "1.1"))
        settings_flags = f"-c jit=off -c random_page_cost={page_cost} -c pg_trgm.strict_word_similarity_threshold={float(threshold)}"
        options["options"] = f"{options.get('options', '')} {settings_flags}".strip()
    return config
