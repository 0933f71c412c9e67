"""`lawine sentiment` end to end on a temporary CSV, and offline language detection."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from lawine.analysis import detect_lang
from lawine.cli import main


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_sentiment_command_adds_columns_and_keeps_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    write_csv(source, ["id", "body", "channel"], [
        ["1", "I love this shop, thank you so much!", "x"],
        ["2", "Seit drei Tagen keine Antwort, danke für nichts.", "x"],
        ["3", "Store opens at 9", "reddit"],
        ["4", 'Quote "with, commas"\nand a newline', "rss"],
    ])
    assert main(["sentiment", "--input", str(source), "--text-column", "body", "--output", str(target)]) == 0
    rows = read_csv(target)
    assert [r["id"] for r in rows] == ["1", "2", "3", "4"]
    assert list(rows[0]) == ["id", "body", "channel", "lang", "sentiment", "sentiment_label"]
    assert rows[3]["body"] == 'Quote "with, commas"\nand a newline'
    assert (rows[0]["lang"], rows[0]["sentiment_label"]) == ("en", "positive")
    assert (rows[1]["lang"], rows[1]["sentiment_label"]) == ("de", "negative")
    assert rows[2]["sentiment_label"] == "neutral"
    assert float(rows[0]["sentiment"]) > 0 > float(rows[1]["sentiment"])
    err = capsys.readouterr().err
    assert "4/4" in err  # tqdm progress bar on stderr


def test_sentiment_command_missing_column_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.csv"
    write_csv(source, ["id", "message"], [["1", "hello"]])
    code = main(["sentiment", "--input", str(source), "--text-column", "text", "--output", str(tmp_path / "o.csv")])
    assert code == 2
    err = capsys.readouterr().err
    assert "column 'text' not in" in err and "id, message" in err
    assert not (tmp_path / "o.csv").exists()


def test_sentiment_command_missing_input_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["sentiment", "--input", str(tmp_path / "nope.csv"), "--output", str(tmp_path / "o.csv")])
    assert code == 2
    assert "input file not found" in capsys.readouterr().err


def test_sentiment_command_with_fixed_language(tmp_path: Path) -> None:
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    write_csv(source, ["text"], [["gut"], ["schlecht"]])
    assert main(["sentiment", "--input", str(source), "--output", str(target), "--lang", "de"]) == 0
    rows = read_csv(target)
    assert [r["lang"] for r in rows] == ["de", "de"]
    assert [r["sentiment_label"] for r in rows] == ["positive", "negative"]


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Thanks for the quick help with my order!", "en"),
        ("@brand where is my package?", "en"),
        ("thx", "en"),
        ("Vielen Dank für die schnelle Hilfe!", "de"),
        ("Wo bleibt mein Paket?", "de"),
        ("Schöne Grüße aus Köln", "de"),
        ("@brand danke", "de"),
        ("Merci beaucoup pour votre aide, c'était parfait", "fr"),
        ("Muchas gracias por la ayuda, todo perfecto", "es"),
    ],
)
def test_detect_lang_short_social_texts(text: str, lang: str) -> None:
    assert detect_lang(text) == lang


def test_detect_lang_nothing_to_judge() -> None:
    assert detect_lang("") is None
    assert detect_lang("@someone http://t.co/abc 123 !!!") is None
