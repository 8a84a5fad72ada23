"""The packaged model is rebuilt byte for byte from ../shared/gold by scripts/train_events.py."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"


def test_the_packaged_model_rebuilds_byte_for_byte():
    assert (SHARED / "gold" / "train").is_dir(), "../shared must sit beside the repository"
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "train_events.py"), "--check",
                          "--shared", str(SHARED)], capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "identical" in run.stdout
