"""Benchmarks: `make bench PROFILE=S|M DB=sqlite|postgres`.

Generates (or reuses) a database of the given profile and prints one line per measurement:
`BENCH <name> p50_ms=.. p95_ms=.. queries=..`. Later issues add their measurements here.
"""
import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

PROFILES = {"S": {"companies": 200, "users_per_company": 3}, "M": {"companies": 2000, "users_per_company": 3}}


def configure(profile: str, db: str) -> None:
    if db == "sqlite":
        url = f"sqlite:///{ROOT / 'var' / f'bench-{profile}.sqlite3'}"
    else:
        url = os.environ.get("BENCH_DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/b2b_bench_{profile.lower()}")
        _ensure_postgres_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backoffice.settings.dev")
    os.environ["DEBUG"] = "0"
    os.environ["ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"


def _ensure_postgres_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def generate(profile: str) -> None:
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from backoffice.accounts.models import Company, User
    from backoffice.core.roles import Role
    from fixtures.demo_accounts import DEMO_PASSWORD, load_demo_accounts
    from fixtures.demo_content import load_demo_content

    spec = PROFILES[profile]
    load_demo_content()
    load_demo_accounts()
    missing = spec["companies"] - Company.objects.filter(name__startswith="Bench ").count()
    if missing <= 0:
        return
    started = time.perf_counter()
    rep = User.objects.get(email="rep@demo.b2b.pl")
    password = make_password(DEMO_PASSWORD)
    with transaction.atomic():
        start = Company.objects.count()
        companies = Company.objects.bulk_create(
            Company(name=f"Bench {start + i:06d} Sp. z o.o.", nip="3982597916", city="Łódź", sales_rep=rep) for i in range(missing)
        )
        users = [
            User(email=f"bench{company.pk}-{j}@example.pl", role=Role.CUSTOMER if j == 0 else Role.EMPLOYEE, company=company, password=password)
            for company in companies
            for j in range(spec["users_per_company"])
        ]
        User.objects.bulk_create(users, batch_size=2000)
    print(f"BENCH generate_{profile} seconds={time.perf_counter() - started:.2f} rows_written={len(companies) + len(users)}")


def measure(name: str, client, url: str, *, runs: int = 30, method: str = "get", data=None) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings, queries = [], 0
    for i in range(runs + 2):
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = getattr(client, method)(url, data or {})
            elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code in (200, 302), f"{name}: {url} answered {response.status_code}"
        if i >= 2:  # two warm-up runs
            timings.append(elapsed)
            queries = len(ctx.captured_queries)
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(round(0.95 * (len(timings) - 1))))]
    print(f"BENCH {name} p50_ms={statistics.median(timings):.1f} p95_ms={p95:.1f} queries={queries}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--profile", choices=sorted(PROFILES), default="S")
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args()
    (ROOT / "var").mkdir(exist_ok=True)
    configure(args.profile, args.db)

    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from backoffice.accounts.models import User

    call_command("migrate", verbosity=0)
    generate(args.profile)

    anonymous = Client()
    measure("login_page", anonymous, "/login/")
    customer = Client()
    customer.force_login(User.objects.get(email="customer@demo.b2b.pl"))
    measure("home_customer", customer, "/")
    measure("account_customer", customer, "/account/")
    admin = Client()
    admin.force_login(User.objects.get(email="admin@demo.b2b.pl"))
    measure("admin_companies", admin, "/admin/accounts/company/")
    measure("admin_users", admin, "/admin/accounts/user/")
    rep = Client()
    rep.force_login(User.objects.get(email="rep@demo.b2b.pl"))
    measure("admin_companies_rep", rep, "/admin/accounts/company/")


if __name__ == "__main__":
    main()
