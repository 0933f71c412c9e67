"""Reading AppTest results in the page tests."""


def metrics(at) -> dict[str, str]:
    """Every st.metric on the page: label -> shown value."""
    return {m.label: m.value for m in at.metric}
