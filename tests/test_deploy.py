import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_check_deploy_is_clean_with_production_settings(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_DEBUG="0",
        SECRET_KEY="x" * 30 + "production-like-secret-key-for-the-check-only",
        ENTRAIDE_MASTER_KEYS="cHJvZHVjdGlvbi1saWtlLWtleS1mb3ItdGhlLWNoayE=",
        ENTRAIDE_RECEIPT_KEY="production-like-receipt-key-for-the-check-only-0123456789",
        ALLOWED_HOSTS="entraide.example.org",
        # The check reads every stored key: a database of its own, empty (lib/checks.py).
        DATABASE_URL=f"sqlite:///{tmp_path / 'empty.sqlite3'}",
    )
    command = [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_settings_refuse_to_start_without_a_secret_key_when_debug_is_off() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_DEBUG", "SECRET_KEY")}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0 and "Set SECRET_KEY" in result.stderr


def test_the_production_access_log_keeps_no_address_and_no_query_string() -> None:
    import runpy

    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    log_format = config["access_log_format"]
    for field in ("%(h)s", "%(r)s", "%(q)s", "%(u)s", "%({x-forwarded-for}i)s", "%(f)s"):
        assert field not in log_format
    assert "%(U)s" in log_format  # the path alone


def test_the_settings_refuse_to_start_without_master_keys_when_debug_is_off() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_DEBUG", "ENTRAIDE_MASTER_KEYS")}
    env["SECRET_KEY"] = "x" * 50
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0 and "Set ENTRAIDE_MASTER_KEYS" in result.stderr


def test_the_settings_refuse_to_start_without_a_receipt_key_when_debug_is_off() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_DEBUG", "ENTRAIDE_RECEIPT_KEY")}
    env.update(
        SECRET_KEY="x" * 50, ENTRAIDE_MASTER_KEYS="cHJvZHVjdGlvbi1saWtlLWtleS1mb3ItdGhlLWNoayE="
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0 and "Set ENTRAIDE_RECEIPT_KEY" in result.stderr
