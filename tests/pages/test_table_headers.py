"""Every table on every page heads its columns with words of the page's language, never with code names."""
import re
import sqlite3

from tests.conftest import DEMO_END
from tests.pages.apptest import headers, hidden

PAGES = ("pages/overview.py", "pages/events.py", "pages/queue.py", "pages/response_times.py",
         "pages/snapshot.py", "pages/sources.py", "pages/alerts.py")
CODE_NAME = re.compile(r"[a-z][a-z0-9_]*")  # how a frame's column is named in code: mention_id, source


def test_no_table_shows_a_code_name_as_its_header(run_page, demo_url):
    con = sqlite3.connect(demo_url.removeprefix("sqlite:///"))  # one closed request: the queue's second table
    con.execute("insert into queue_actions (mention_id, action, actor, at_ts) select id, 'not_needed', 'Kim', ? "
                "from mentions where needs_reply = 1 limit 1", (int(DEMO_END.timestamp()),))
    con.commit()
    con.close()
    found = []
    for page in PAGES:
        at = run_page(demo_url, page=page, query={"ui": "de", "from": "2026-10-01", "to": "2026-11-20"})
        assert not at.exception, page
        for table in at.dataframe:
            labels, gone = headers(table), hidden(table)
            shown = [c for c in table.value.columns if c not in gone]
            found += [(page, c) for c in shown if c not in labels and CODE_NAME.fullmatch(str(c))]
            found += [(page, c, label) for c, label in labels.items() if c in shown and CODE_NAME.fullmatch(label)
                      and label == c]
    assert found == []
