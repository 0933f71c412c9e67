"""Reading the store back with plain SQL, so tests do not trust the code under test."""
from __future__ import annotations


def stored(engine, where: str = "1=1") -> dict[str, dict]:
    """Mentions as plain dicts by id (raw SQL, so the test does not trust the code under test)."""
    from sqlalchemy import text

    with engine.connect() as conn:
        rows = conn.execute(text(f"SELECT * FROM mentions WHERE {where}")).mappings().all()
    return {r["id"]: dict(r) for r in rows}


def table(engine, name: str) -> list[dict]:
    from sqlalchemy import text

    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(text(f"SELECT * FROM {name}")).mappings().all()]


def dump_db(engine) -> str:
    """Every text cell of every table, for 'no secret in the DB' checks."""
    from sqlalchemy import inspect, text

    out = []
    with engine.connect() as conn:
        for name in inspect(conn).get_table_names():
            for row in conn.execute(text(f"SELECT * FROM {name}")):
                out.extend(str(v) for v in row)
    return "\n".join(out)
