"""The committed .streamlit/config.toml is what `streamlit run dashboard.py` reads in the project folder."""
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.conftest import free_port

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
    assert config["address"] == '"127.0.0.1"'     # default: every interface


def lan_address() -> str | None:
    """This machine's address on its network (no packet is sent: a UDP connect only picks the route)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("192.0.2.1", 9))
        except OSError:
            return None
        address = s.getsockname()[0]
    return None if address.startswith("127.") else address


def test_the_dashboard_listens_on_this_machine_only_and_asks_nobody_for_its_address(tmp_path):
    port = free_port()
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LAWINE_DATABASE_URL": f"sqlite:///{tmp_path}/x.db"}
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true",
                             "--server.port", str(port)], cwd=ROOT, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        lines = []
        for line in proc.stdout:  # the banner ends with the URL(s) it serves on
            lines.append(line)
            if "URL:" in line:
                break
        banner = "".join(lines)
        assert f"URL: http://127.0.0.1:{port}" in banner, banner
        # A wildcard address on a headless server prints an "External URL" looked up on the internet.
        assert "External" not in banner and "auto detect external IP" not in banner
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            pass
        lan = lan_address()
        if lan:
            with pytest.raises(OSError):
                socket.create_connection((lan, port), timeout=2).close()
    finally:
        proc.terminate()
        proc.wait(10)
