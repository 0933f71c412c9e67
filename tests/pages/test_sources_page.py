"""Sources & settings: states from the store and env, set-aside items, config; never a secret value."""
import json

from lawine import store
from lawine.store import writer
from tests.pages.apptest import formats, headers, placeholder

FAKE = {"REDDIT_CLIENT_ID": "rid-123456", "REDDIT_CLIENT_SECRET": "rsecret-abcdef-987",
        "REDDIT_USERNAME": "brandbot", "REDDIT_PASSWORD": "pw-Xy7-secret", "X_BEARER_TOKEN": "AAAAbearer-0042-secret"}


def all_text(at) -> str:
    parts = []
    for kind in ("markdown", "text", "code", "caption", "info", "success", "json", "subheader", "title"):
        for el in at.get(kind):
            parts.append(str(getattr(el, "value", "")))
    for df in at.dataframe:
        parts.append(df.value.to_csv())
    for ex in at.expander:
        parts.append(ex.label)
    return "\n".join(parts)


CONFIG = """
[[brands]]
name = "Kestrel Air"
keywords = ["Kestrel Air"]
handles = { reddit = ["KestrelAir_Team"], x = ["@KestrelAir"] }
subreddits = ["KestrelAir"]
"""


def test_sources_page_shows_states_runs_and_quarantine_without_secrets(run_page, demo_url, monkeypatch, workdir):
    for k, v in FAKE.items():
        monkeypatch.setenv(k, v)
    (workdir / "lawine.toml").write_text(CONFIG, encoding="utf-8")
    engine = store.open_store(demo_url)
    run = writer.start_run(engine, "reddit")
    writer.finish_run(engine, run, "ok", fetched=42, stored=40, quarantined=2)
    store.quarantine(engine, "reddit", "t3_bad", "created_utc: missing", {"id": "t3_bad", "title": "x"})
    at = run_page(demo_url, page="pages/sources.py")
    assert not at.exception
    table = at.dataframe[0].value
    reddit = table[table["source"].str.contains("Reddit")].iloc[0]
    assert "configured" in reddit["state"] and reddit["fetched (last run)"] == 42 and reddit["set aside"] == 1
    x = table[table["source"].str.contains("X")].iloc[0]
    assert "configured" in x["state"]
    assert "missing credentials" in " ".join(table["state"])  # e.g. Facebook without a token
    held = at.dataframe[1].value
    assert list(held["error"]) == ["created_utc: missing"]
    text = all_text(at)
    for secret in FAKE.values():
        if "secret" in secret:
            assert secret not in text
    assert json.loads(at.json[0].value)["database_url"].startswith("sqlite:///")


def after_one_rss_run(run_page, demo_url, workdir, status: str, **page):
    """The Sources page, configured by CONFIG, after one RSS run that ended with `status`."""
    (workdir / "lawine.toml").write_text(CONFIG, encoding="utf-8")
    engine = store.open_store(demo_url)
    writer.finish_run(engine, writer.start_run(engine, "rss"), status, fetched=3, stored=3, quarantined=0)
    at = run_page(demo_url, page="pages/sources.py", **page)
    assert not at.exception
    return at


def test_sources_page_in_german(run_page, demo_url, workdir):
    at = after_one_rss_run(run_page, demo_url, workdir, "rate limited", query={"ui": "de"})
    table = at.dataframe[0]
    assert list(table.value.columns[:3]) == ["source", "state", "note"]  # why it is off, in view without scrolling
    notes = dict(zip(table.value["source"], table.value["note"]))
    assert notes["Dateiimport"] == "bei Bedarf" and notes["X / Twitter"].startswith("nicht geplant;")
    assert notes["Reddit"] == "REDDIT_CLIENT_ID, REDDIT_CLIENT_SECRET, REDDIT_USERNAME, REDDIT_PASSWORD setzen"
    assert notes["RSS-/Atom-Feeds"] == "keine Feeds unter einer Marke in lawine.toml"
    assert dict(zip(table.value["source"], table.value["last status"]))["RSS-/Atom-Feeds"] == "Ratenlimit erreicht"
    setup = [el.value for el in at.text]
    assert any(v.startswith("Lege unter https://www.reddit.com/prefs/apps") for v in setup)
    assert not any(v.startswith("Create a 'script' app") for v in setup)
    assert headers(table)["set aside"] == "Zurückgestellt" and headers(table)["last run"] == "Letzter Abruf"
    assert all(s.split(" ", 1)[1] in {"eingerichtet", "Zugangsdaten fehlen", "deaktiviert"} for s in table.value["state"])
    assert any(e.label.endswith(": ○ deaktiviert") for e in at.expander)
    assert formats(table)["last run"] == "DD.MM.YYYY HH:mm"  # dates as German readers write them
    never_ran = table.value[table.value["source"] != "RSS-/Atom-Feeds"]
    assert never_ran["last run"].isna().all() and placeholder(table) == "–"  # never run: a dash, not "None"


def test_run_times_are_in_the_viewers_zone_and_states_need_no_emoji_font(run_page, demo_url, workdir):
    at = after_one_rss_run(run_page, demo_url, workdir, "ok", browser={"timezone": "America/New_York"})
    table = at.dataframe[0]
    assert str(table.value["last run"].dt.tz) == "America/New_York"  # not the team's Europe/Berlin
    assert formats(table)["last run"] == "YYYY-MM-DD HH:mm"
    marks = {s.split(" ", 1)[0] for s in table.value["state"]}
    assert marks and all(ord(c) < 0x2800 for c in "".join(marks))  # a glyph, not an emoji like 🟢


def test_without_a_config_file_the_page_says_it_runs_on_defaults_in_german(run_page, demo_url):
    at = run_page(demo_url, page="pages/sources.py", query={"ui": "de"})
    assert not at.exception
    assert any(c.value.startswith("Eingebaute Voreinstellungen (keine lawine.toml gefunden)") for c in at.caption)
