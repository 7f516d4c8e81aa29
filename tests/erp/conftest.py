"""Fixtures shared by the ERP sync tests (tests/erp/test_sync_*.py)."""
import pytest

from tests.erp.helpers import SUCCESS, Packages
from tests.erp.packages import base_files


@pytest.fixture
def pkgs(tmp_path):
    return Packages(tmp_path / "packages")


@pytest.fixture
def imported(pkgs):
    """The base package, imported once."""
    run = pkgs.sync(base_files())
    assert run.status == SUCCESS, run.message
    return run
