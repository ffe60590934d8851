"""The HTML report in headless Chromium: renders without errors, offline, and its charts draw.

Skipped only when no Chromium is installed (``scripts/test.sh`` installs the Debian package).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from alliance_store import CSTO_STORY, build_store
from chromium import Browser, find_chromium, pixel_counts

from foedus.alliances import load_alliances
from foedus.report import build_report, write_report

CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")

FIGURES = ("fig-network", "fig-cohesion", "fig-leader", "fig-reliability", "fig-complaints")

ALL_DRAWN = """(() => {
  const divs = [...document.querySelectorAll('.plotly-graph-div')];
  return divs.length > 0 && divs.every(d => d.querySelector('svg.main-svg')) ? divs.length : 0;
})()"""

BOXES = """[...document.querySelectorAll('.plotly-graph-div')].map(d => {
  const r = d.getBoundingClientRect();
  return {id: d.id, x: r.x + window.scrollX, y: r.y + window.scrollY, width: r.width,
          height: r.height, marks: d.querySelectorAll(
            '.scatterlayer .trace path, .scatterlayer .point, .barlayer .point').length};
})"""


@pytest.mark.slow
def test_report_renders_offline_and_charts_draw(tmp_path: Path) -> None:
    db = build_store(tmp_path / "story.duckdb", CSTO_STORY)
    report = build_report(db, load_alliances().get("CSTO"))
    html_path, _ = write_report(report, tmp_path / "csto.html")
    assert CHROMIUM is not None
    with Browser(CHROMIUM) as browser:
        browser.open(html_path.resolve().as_uri())
        assert browser.wait_for(ALL_DRAWN, timeout=60) == len(FIGURES)
        boxes = {b["id"]: b for b in browser.evaluate(BOXES)}
        height = browser.evaluate("document.documentElement.scrollHeight")
        # A whole-page picture, kept for people looking at a failure.
        page_png = browser.screenshot({"x": 0, "y": 0, "width": 1400, "height": height},
                                      scale=0.5)
        (tmp_path / "report.png").write_bytes(page_png)
        shots = {}
        for name in FIGURES:
            box = boxes[name]
            clip = {k: box[k] for k in ("x", "y", "width", "height")}
            shots[name] = browser.screenshot(clip, scale=0.5)
            (tmp_path / f"{name}.png").write_bytes(shots[name])
        log = browser.log

    # Offline: the page itself is the only thing loaded (plus inline data: URLs, if any).
    others = [u for u in log.requests
              if u != html_path.resolve().as_uri() and not u.startswith(("data:", "blob:"))]
    assert others == [], f"network requests: {others}"
    assert log.console_errors == [] and log.exceptions == [] and log.log_errors == []

    for name in FIGURES:
        assert boxes[name]["width"] > 800 and boxes[name]["height"] > 300, name
        assert boxes[name]["marks"] > 0, f"{name}: no marks drawn"
        total, non_white, coloured = pixel_counts(shots[name])
        # Axes and text alone stay grey; the charts' marks are coloured.
        assert non_white > 0.01 * total, f"{name}: blank ({non_white}/{total})"
        assert coloured > 150, f"{name}: no coloured marks ({coloured} pixels)"
    total, non_white, _ = pixel_counts(page_png)
    assert non_white > 0.05 * total
