"""Config errors name the file and key; arguments beat environment beat the file."""
import pytest

from lawine.config import ConfigError, load_settings

GOOD = """
[database]
url = "sqlite:///from-file.db"

[[brands]]
name = "Kestrel Air"
keywords = ["Kestrel Air", "#KestrelAir"]
handles = { x = ["@KestrelAir"] }

[team]
timezone = "Europe/Vienna"
business_hours = { days = ["mon", "tue"], start = 08:00:00, end = 16:30:00 }

[sla]
first_response_minutes = 30
"""


def write(tmp_path, text):
    p = tmp_path / "lawine.toml"
    p.write_text(text, encoding="utf-8")
    return str(p)


def test_good_file_is_read(workdir):
    s = load_settings(write(workdir, GOOD))
    assert s.database_url == "sqlite:///from-file.db"
    assert s.brand("Kestrel Air").handles == {"x": ["@KestrelAir"]}
    assert s.team.business_hours.end.hour == 16 and s.sla.first_response_minutes == 30


def test_order_is_argument_then_env_then_file(workdir, monkeypatch):
    path = write(workdir, GOOD)
    monkeypatch.setenv("LAWINE_DATABASE_URL", "postgres://u@h/db")
    assert load_settings(path).database_url == "postgresql+psycopg://u@h/db"
    assert load_settings(path, database_url="sqlite:///arg.db").database_url == "sqlite:///arg.db"


def test_no_file_gives_defaults(workdir):
    s = load_settings()
    assert s.database_url == "sqlite:///data/lawine.db" and s.brands == [] and s.source_path is None
    assert s.detection.spike_sensitivity == "normal"


def test_spike_sensitivity_is_read(workdir):
    s = load_settings(write(workdir, '[detection]\nspike_sensitivity = "high"\n'))
    assert s.detection.spike_sensitivity == "high"


@pytest.mark.parametrize("text, key", [
    ('[[brands]]\nname = "A"\nkeywords = "x"\n', "brands[0].keywords"),
    ('[team]\ntimezone = "Mars/Olympus"\n', "team.timezone"),
    ('[sla]\nfirst_response_minutes = -5\n', "sla.first_response_minutes"),
    ('[[brands]]\nname = "A"\nkeywords = ["a"]\nhandles = { myspace = ["a"] }\n', "brands[0].handles"),
    ('[team.business_hours]\ndays = ["monday"]\n', "team.business_hours.days"),
    ('colour = "blue"\n', "colour"),
    ('[detection]\nspike_sensitivity = "extreme"\n', "detection.spike_sensitivity"),
])
def test_wrong_values_name_the_key(workdir, text, key):
    with pytest.raises(ConfigError) as err:
        load_settings(write(workdir, text))
    assert key in str(err.value) and "lawine.toml" in str(err.value)


def test_broken_toml_and_missing_explicit_file(workdir):
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(write(workdir, "[[brands]\n"))
    with pytest.raises(ConfigError, match="not found"):
        load_settings(str(workdir / "nope.toml"))
