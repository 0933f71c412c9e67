"""The committed .streamlit/config.toml is what `streamlit run dashboard.py` reads in the project folder."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def effective_config() -> dict[str, str]:
    """`streamlit config show` run where the README starts the dashboard: option -> value as printed."""
    out = subprocess.run([sys.executable, "-m", "streamlit", "config", "show"], cwd=ROOT, capture_output=True,
                         text=True, check=True, env={"PATH": "/usr/bin:/bin", "HOME": str(ROOT / "tests")}).stdout
    values = {}
    for line in out.splitlines():
        if "=" in line and not line.startswith("#"):
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    return values


def test_no_usage_statistics_no_email_prompt_and_no_deploy_button():
    config = effective_config()
    assert config["showEmailPrompt"] == "false"  # first run goes straight to the dashboard
    assert config["gatherUsageStats"] == "false"  # Streamlit's default is true: data would leave the machine
    assert config["toolbarMode"] == '"viewer"'    # default "auto" shows "Deploy" on a local server
