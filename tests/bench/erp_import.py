"""ERP import benchmark: `make bench PROFILE=S|M DB=sqlite|postgres` runs it after the page benchmarks.

Generates (or reuses) the profile's full package and a 10% delta, imports them into a fresh
database, each step in its own process so that peak memory is the import's own:
  BENCH erp_import_full        seconds=.. peak_mb=.. rows_written=..
  BENCH erp_reimport_unchanged seconds=.. peak_mb=.. rows_written=..
  BENCH erp_import_delta       seconds=.. peak_mb=.. rows_written=..
"""
import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
PACKAGES = ROOT / "var" / "bench-packages"


def database_url(profile: str, db: str) -> str:
    if db == "sqlite":
        return f"sqlite:///{ROOT / 'var' / f'bench-erp-{profile}.sqlite3'}"
    return os.environ.get("BENCH_ERP_DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/b2b_bench_erp_{profile.lower()}")


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "backoffice.settings.dev"
    os.environ["DEBUG"] = "0"
    import django

    django.setup()


def fresh_database(url: str) -> None:
    if url.startswith("sqlite"):
        path = Path(url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        return
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def packages(profile: str) -> tuple[Path, Path]:
    full, delta = PACKAGES / f"{profile}-full", PACKAGES / f"{profile}-delta"
    if not (full / "manifest.json").exists() or not (delta / "manifest.json").exists():
        from fixtures.erp_generator import generate_delta, generate_package

        started = time.perf_counter()
        generate_package(full, profile)
        generate_delta(full, delta, fraction=0.1)
        print(f"BENCH erp_generate_{profile} seconds={time.perf_counter() - started:.1f}", flush=True)
    return full, delta


def import_step(name: str, package: Path) -> None:
    """Runs in a child process: one import, one BENCH line."""
    from backoffice.erp.services import sync_package

    started = time.perf_counter()
    run = sync_package(location=package, triggered_by="bench")
    seconds = time.perf_counter() - started
    written = sum(c.get("inserted", 0) + c.get("updated", 0) + c.get("deactivated", 0) for c in run.counts.values())
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"BENCH {name} seconds={seconds:.1f} peak_mb={peak_mb:.0f} rows_written={written} status={run.status}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--profile", default="S")
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("--package", help=argparse.SUPPRESS)
    args = parser.parse_args()
    url = database_url(args.profile, args.db)
    if args.step:
        setup_django(url)
        import_step(args.step, Path(args.package))
        return
    (ROOT / "var").mkdir(exist_ok=True)
    full, delta = packages(args.profile)
    fresh_database(url)
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "backoffice.settings.dev", "DEBUG": "0"}
    subprocess.run([sys.executable, str(ROOT / "manage.py"), "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    for step, package in (("erp_import_full", full), ("erp_reimport_unchanged", full), ("erp_import_delta", delta)):
        cmd = [sys.executable, __file__, "--profile", args.profile, "--db", args.db, "--step", step, "--package", str(package)]
        subprocess.run(cmd, env=env, check=True, cwd=ROOT)


if __name__ == "__main__":
    main()
