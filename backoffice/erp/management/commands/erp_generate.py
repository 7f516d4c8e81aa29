"""Generate an ERP exchange package (contract b2b-erp/1) for demos, importer tests and benchmarks."""
import json
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fixtures.erp_generator import PROFILES, generate_delta, generate_package, salt_with_bad_rows, zip_package


class Command(BaseCommand):
    help = (
        "Generate a deterministic ERP package: --profile demo|S|M --out DIR [--seed N] [--zip] [--salt], "
        "or a delta of an existing package: --delta-from DIR --out DIR [--fraction 0.1]."
    )

    def add_arguments(self, parser):
        parser.add_argument("--profile", choices=sorted(PROFILES, key=str.lower) + ["s", "m"], help="Size profile of a full package.")
        parser.add_argument("--out", required=True, help="Package directory to write (created if missing).")
        parser.add_argument("--seed", type=int, help="Random seed (default 42 for a full package, 7 for a delta, 3 for --salt).")
        parser.add_argument("--zip", action="store_true", help="Also write <out>.zip (manifest.json at the archive root).")
        parser.add_argument("--delta-from", metavar="DIR", help="Write a delta package changing prices and stock of this full package.")
        parser.add_argument("--fraction", type=float, default=0.1, help="Share of price/stock rows a delta changes (default 0.1).")
        parser.add_argument("--salt", action="store_true",
                            help="Inject deliberately invalid rows; the expected rejections go to <out>.expected_rejections.json.")

    def handle(self, *args, profile=None, out=None, seed=None, zip=False, delta_from=None, fraction=0.1, salt=False, **options):
        out_dir = Path(out)
        if out_dir.exists() and any(out_dir.iterdir()) and not (out_dir / "manifest.json").exists():
            raise CommandError(f"{out_dir} is not empty and holds no package: refusing to write into it.")
        started = time.perf_counter()
        if delta_from:
            base = Path(delta_from)
            if not (base / "manifest.json").exists():
                raise CommandError(f"{base} holds no package (manifest.json missing).")
            if not 0 < fraction <= 1:
                raise CommandError("--fraction must be in (0, 1].")
            counts = generate_delta(base, out_dir, fraction=fraction, seed=7 if seed is None else seed)
            what = f"delta of {base} ({fraction:g})"
        else:
            if not profile:
                raise CommandError("Give --profile (demo, S or M) or --delta-from.")
            counts = generate_package(out_dir, profile, seed=42 if seed is None else seed)
            what = f"profile {profile}"
        self.stdout.write(self.style.SUCCESS(f"Package written to {out_dir} ({what}) in {time.perf_counter() - started:.1f} s:"))
        for name, lines in counts.items():
            self.stdout.write(f"  {name:<24} {lines:>10} lines")
        if salt:
            expected = salt_with_bad_rows(out_dir, seed=3 if seed is None else seed)
            report = out_dir.parent / f"{out_dir.name}.expected_rejections.json"
            report.write_text(json.dumps(expected, indent=2) + "\n", encoding="utf-8")
            self.stdout.write(f"Salted with {len(expected)} bad rows; expected rejections: {report}")
        if zip:
            self.stdout.write(f"Archive: {zip_package(out_dir)}")
