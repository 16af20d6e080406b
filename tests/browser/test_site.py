"""The built book, opened in a real browser (Debian's Chromium driven by Playwright).

It checks what a reader would notice: math typeset with no raw TeX left, every image loaded, a
solution dropdown that opens, a search page that finds things, and no request leaving the local
server (the site must work offline). Screenshots land in _build/screenshots/.

Run with `make browser-test` (after `make book`).
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "_build" / "html"
SHOTS = ROOT / "_build" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHAPTERS = sorted(p.stem for p in (ROOT / "book").glob("[0-9][0-9]-*.ipynb"))
PAGES = ["intro", "notation", "exercises", *CHAPTERS, "api", "bibliography"]
# Chromium flags: no sandbox as root in a container, and none of its own background traffic.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--disable-features=Translate,OptimizationHints"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    if not (SITE / "index.html").exists():
        pytest.fail("the book is not built: run `make book` first")
    handler = functools.partial(_QuietHandler, directory=str(SITE))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"no Chromium at {CHROMIUM}: run scripts/ensure_chromium.sh")
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, server):
    """A fresh page that records (and blocks) every request not addressed to the local server."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []
    errors: list[str] = []

    def route(route) -> None:
        url = route.request.url
        host = urlparse(url).hostname
        if url.startswith(("data:", "blob:")) or host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", route)
    opened = context.new_page()
    opened.set_default_timeout(10_000)
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.outside_requests = outside  # type: ignore[attr-defined]
    opened.script_errors = errors  # type: ignore[attr-defined]
    opened.base = server  # type: ignore[attr-defined]
    yield opened
    context.close()


def _open(page, name: str) -> None:
    page.goto(f"{page.base}/book/{name}.html", wait_until="load")
    if page.locator("script[src*='mathjax']").count():  # Sphinx loads MathJax only where needed
        # MathJax 3 resolves startup.promise once the page is typeset.
        page.wait_for_function("() => window.MathJax?.startup?.promise")
        page.evaluate("() => MathJax.startup.promise")


@pytest.mark.parametrize("name", PAGES)
def test_page_renders_offline(page, name: str) -> None:
    _open(page, name)
    SHOTS.mkdir(parents=True, exist_ok=True)
    # The API page is long: its full-page screenshot needs more than the default 10 s.
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True, timeout=60_000)

    untypeset = page.evaluate("""() => [...document.querySelectorAll('span.math, div.math')]
        .filter(el => !el.querySelector('mjx-container')).map(el => el.textContent.trim())""")
    assert not untypeset, f"math left as raw TeX on {name}: {untypeset[:3]}"
    text = page.inner_text("article")
    for delimiter in ("\\(", "\\[", "$$"):
        assert delimiter not in text, f"raw TeX delimiter {delimiter!r} visible on {name}"
    assert "MathJax" not in page.evaluate("() => document.body.innerText.slice(0, 0)")

    broken = page.evaluate("""() => [...document.images]
        .filter(img => !(img.complete && img.naturalWidth > 0)).map(img => img.src)""")
    assert not broken, f"images that did not load on {name}: {broken}"
    missing_alt = page.evaluate("""() => [...document.querySelectorAll('article img')]
        .filter(img => !img.alt || !img.alt.trim()).map(img => img.src)""")
    assert not missing_alt, f"images without alt text on {name}: {missing_alt}"

    assert page.outside_requests == [], f"requests left the site: {page.outside_requests}"
    assert page.script_errors == [], f"JavaScript errors on {name}: {page.script_errors}"


@pytest.mark.parametrize("name", [p for p in PAGES if p != "api"])
def test_no_output_is_cut_off(page, name: str) -> None:
    """Code cells, their outputs and the pages' code blocks fit their box at 1280 px: nothing
    hides behind a horizontal scroll bar. (The API page's docstring examples may scroll.)"""
    _open(page, name)
    cut = page.evaluate("""() => [...document.querySelectorAll(
            'div.cell_output pre, div.output pre, div.highlight pre')]
        .filter(el => el.scrollWidth > el.clientWidth + 1)
        .map(el => el.textContent.split('\\n').reduce((a, b) => a.length >= b.length ? a : b))""")
    assert not cut, f"lines cut off on {name}: {[line[:70] for line in cut[:3]]}"


@pytest.mark.parametrize("name", CHAPTERS)
def test_chapter_has_typeset_math_and_figures(page, name: str) -> None:
    _open(page, name)
    assert page.locator("mjx-container").count() > 0, f"no typeset math on {name}"
    assert page.locator("figure img").count() > 0, f"no figures on {name}"
    captions = page.locator("figure figcaption").all_inner_texts()
    assert captions and all(c.strip().startswith("Fig") for c in captions), captions


@pytest.mark.parametrize("name", CHAPTERS)
def test_solution_dropdown_opens(page, name: str) -> None:
    _open(page, name)
    solution = page.locator("div.solution.dropdown").first
    body = solution.locator("section, div.highlight").first
    assert not body.is_visible(), "the solution should be folded at first"
    # Click the start of the title: its middle is often the link to the exercise, which
    # navigates instead of unfolding.
    solution.locator(".admonition-title").first.click(position={"x": 8, "y": 8})
    body.wait_for(state="visible", timeout=5000)
    assert "def " in solution.inner_text()
    page.wait_for_timeout(600)  # let the unfolding animation finish before the screenshot
    page.screenshot(path=str(SHOTS / f"{name}-solution-open.png"), full_page=False)


def test_api_page_lists_every_function(page) -> None:
    from tests.test_api_docs import FUNCTIONS

    _open(page, "api")
    missing = [name for name, _ in FUNCTIONS if page.locator(f'[id="{name}"]').count() != 1]
    assert not missing, f"functions missing from the rendered API reference: {missing}"


def test_search_finds_pages(page) -> None:
    page.goto(f"{page.base}/search.html?q=likelihood", wait_until="load")
    results = page.locator("#search-results ul.search li")
    results.first.wait_for(state="visible", timeout=15000)
    assert results.count() >= 2
    links = results.locator("a").evaluate_all("links => links.map(a => a.href)")
    assert any("01-likelihood-vs-probability" in link for link in links), links
    page.screenshot(path=str(SHOTS / "search.png"), full_page=False)
    assert page.outside_requests == []
