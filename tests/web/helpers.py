"""Functions the browser tests share (page functions are functions, not strings: the
page's CSP forbids eval)."""
from __future__ import annotations

COUNT_IS = "n => document.querySelector('#count').dataset.total == n"
COUNT_IS_NOT = "n => document.querySelector('#count').dataset.total != n"


def total(page) -> int:
    return int(page.get_attribute("#count", "data-total"))


def all_features(api, **params) -> list[dict]:
    """Every located event the API gives for ``params``, page after page."""
    out, offset = [], 0
    while True:
        fc = api.get("/events.geojson", params={**params, "offset": offset}).json()
        out += fc["features"]
        offset += fc["limit"]
        if offset >= fc["total"]:
            return out


def apply(page, **fields) -> None:
    """Set filter fields (select or input, by name) and apply them; waits for the page."""
    before = page.url
    for name, value in fields.items():
        sel = f"#filters [name='{name}']"
        if page.eval_on_selector(sel, "e => e.tagName") == "SELECT":
            page.select_option(sel, value)
        else:
            page.fill(sel, str(value))
    page.click("#f-apply")
    page.wait_for_function("u => location.href != u && !document.body.classList.contains('loading')",
                           arg=before)
