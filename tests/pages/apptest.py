"""Reading AppTest results in the page tests."""


def metrics(at) -> dict[str, str]:
    """Every st.metric on the page: label -> shown value."""
    return {m.label: m.value for m in at.metric}


def headers(table) -> dict[str, str]:
    """An st.dataframe's column headers: column name -> label shown (columns without a label are left out)."""
    import json

    config = json.loads(table.proto.columns or "{}")
    return {name: c["label"] for name, c in config.items() if c and "label" in c}


def formats(table) -> dict[str, str]:
    """The display format of each st.dataframe column that has one (dates, numbers): column -> format."""
    import json

    config = json.loads(table.proto.columns or "{}")
    return {name: c["type_config"]["format"] for name, c in config.items()
            if c and c.get("type_config", {}).get("format")}


def hidden(table) -> set[str]:
    """Data columns an st.dataframe hides (column_config None); the index (hide_index) is left out."""
    import json

    config = json.loads(table.proto.columns or "{}")
    return {name for name, c in config.items() if c and c.get("hidden") and name != "_index"}


def shown_cells(table):
    """The text the browser shows in each cell, where a pandas Styler formatted the frame (else None)."""
    import pyarrow as pa

    styler = table.proto.arrow_data.styler
    if not styler.display_values:
        return None
    return pa.ipc.open_stream(styler.display_values).read_all().to_pandas()


def placeholder(table) -> str:
    """What an st.dataframe shows in cells without a value ("None" unless the page says otherwise)."""
    return table.proto.placeholder
