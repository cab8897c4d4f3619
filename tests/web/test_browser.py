"""The web page in a real headless Chromium (Debian's chromium + chromedriver, driven by Selenium).

The server runs in a thread over a temporary store holding the bundled examples; a hostile
article (script tags, img onerror, javascript: links) is posted through the API and opened in
the page, and nothing in it may execute. Screenshots go to $LAGEBILD_ARTIFACTS or tests/artifacts/.
"""
import json
import os
import pathlib
import time
import urllib.request

import pytest

CHROMIUM = os.environ.get("LAGEBILD_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("LAGEBILD_CHROMEDRIVER", "/usr/bin/chromedriver")
if not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
    pytest.skip(f"Chromium not installed ({CHROMIUM}, {CHROMEDRIVER}); run .ci/chromium.sh",
                allow_module_level=True)

from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import ElementClickInterceptedException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from lagebild.cli import examples_dir  # noqa: E402
from lagebild.model import Document  # noqa: E402
from lagebild.pipeline import analyze_inputs  # noqa: E402
from lagebild.store import Store  # noqa: E402
from live_server import live_server  # noqa: E402  (tests/ is on the path via its conftest)

ARTIFACTS = pathlib.Path(os.environ.get("LAGEBILD_ARTIFACTS") or pathlib.Path(__file__).parents[1] / "artifacts")

# Our own hostile article: every payload would set window.__pwned or the title if it ran.
HOSTILE_TITLE = '<script>window.__pwned = "title"; document.title = "PWNED"</script>Feindliche Meldung'
HOSTILE_TEXT = (
    "Japan kritisierte die USA am Montag scharf wegen neuer Zölle "
    "<script>window.__pwned = 'script'; document.title = 'PWNED';</script> auf Stahl.\n\n"
    "Die Regierung in Tokio protestierte gegen die Entscheidung aus Washington "
    "<img src=x onerror=\"window.__pwned = 'img'; document.title = 'PWNED'\"> und kündigte Gespräche an.\n\n"
    "Weitere Informationen: <a href=\"javascript:window.__pwned='link'\">hier klicken</a> "
    "<svg onload=\"window.__pwned='svg'\"></svg> <iframe srcdoc=\"<script>parent.__pwned='iframe'</script>\"></iframe> "
    "Schlagwort Quarzsandpapier."
)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("web") / "store.db")
    files = sorted(str(p) for p in examples_dir().glob("*.txt"))
    with Store(db) as store:
        for doc in analyze_inputs(files):
            assert isinstance(doc, Document), doc
            store.add(doc)
    with live_server(db) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,1900", "--lang=en-US", "--no-first-run", "--disable-extensions"):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    driver.set_page_load_timeout(20)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    yield driver
    driver.quit()


def _get(url: str):
    with urllib.request.urlopen(url, timeout=10) as r:
        return json.load(r)


def _open(driver, base: str) -> None:
    driver.get(base + "/")
    WebDriverWait(driver, 20).until(lambda d: d.execute_script("return document.body.dataset.ready === '1'"))


def _click(driver, element) -> None:
    try:
        element.click()
    except ElementClickInterceptedException:   # an SVG label on top of a thin edge
        driver.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", element)


def _console_errors(driver) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def test_network_timeline_and_evidence(server, browser):
    _open(browser, server)
    assert browser.title == "Lagebild"
    edge = browser.find_element(By.CSS_SELECTOR, '#graph line.edge[data-dyad="JPN-USA"]')
    assert int(edge.get_attribute("data-events")) >= 1
    assert browser.find_elements(By.CSS_SELECTOR, '#graph g.node[data-id="JPN"]')
    browser.save_screenshot(str(ARTIFACTS / "01-page.png"))

    _click(browser, edge)   # focus the dyad: the timeline shows its events only
    WebDriverWait(browser, 10).until(
        lambda d: "JPN – USA" in d.find_element(By.ID, "focus").text and d.find_elements(By.CSS_SELECTOR, "#timeline .event"))
    button = browser.find_elements(By.CSS_SELECTOR, "#timeline .event")[0]
    event_id = int(button.get_attribute("data-event-id"))
    expected = next(e for e in _get(server + "/events?limit=1000") if e["id"] == event_id)
    codes = {p["code"] for p in expected["actor"] + expected["recipient"]}
    assert {"JPN", "USA"} <= codes
    _click(browser, button)
    sentence = expected["evidence"]["text"]
    WebDriverWait(browser, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#evidence mark"))
    assert browser.find_element(By.CSS_SELECTOR, "#evidence mark").text == " ".join(sentence.split())
    assert browser.find_element(By.CSS_SELECTOR, "#evidence .sentence").text == " ".join(sentence.split())
    browser.save_screenshot(str(ARTIFACTS / "02-evidence.png"))
    assert _console_errors(browser) == []


def test_hostile_article_never_executes(server, browser):
    req = urllib.request.Request(
        server + "/articles", method="POST", headers={"Content-Type": "application/json"},
        data=json.dumps({"text": HOSTILE_TEXT, "title": HOSTILE_TITLE, "url": "javascript:window.__pwned='url'",
                         "language": "de", "published": "2025-03-03"}).encode())
    with urllib.request.urlopen(req, timeout=60) as r:
        assert r.status in (200, 201)
        article_id = json.load(r)["id"]

    _open(browser, server)
    # find it through the search box and open it in the evidence panel
    box = browser.find_element(By.ID, "q")
    box.send_keys("Quarzsandpapier")
    browser.find_element(By.CSS_SELECTOR, "#search button").click()
    WebDriverWait(browser, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#results .hit"))
    hit = browser.find_element(By.CSS_SELECTOR, "#results .hit")
    assert "<script>" in hit.text   # the title is shown as text
    _click(browser, hit)
    WebDriverWait(browser, 10).until(lambda d: "Quarzsandpapier" in d.find_element(By.ID, "evidence").text)
    # events from the article (if the pipeline coded any) render too; open one
    hostile_events = _get(server + f"/events?article_id={article_id}")
    if hostile_events:
        _open(browser, server)
        wanted = str(hostile_events[0]["id"])
        button = browser.find_element(By.CSS_SELECTOR, f'#timeline .event[data-event-id="{wanted}"]')
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
        _click(browser, button)
        WebDriverWait(browser, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#evidence mark"))
    evidence = browser.find_element(By.ID, "evidence")
    text = evidence.find_element(By.CSS_SELECTOR, ".article-text").text
    assert "<script>" in text and "onerror=" in text and "javascript:" in text   # visible as text
    browser.save_screenshot(str(ARTIFACTS / "03-hostile.png"))

    time.sleep(0.3)   # give an onerror/onload the chance it must not get
    state = browser.execute_script("""return {
        pwned: window.__pwned === undefined ? null : String(window.__pwned),
        title: document.title,
        scripts: [...document.scripts].map(s => s.getAttribute('src')),
        imgs: document.querySelectorAll('img').length,
        iframes: document.querySelectorAll('iframe').length,
        handlers: document.querySelectorAll('[onerror],[onload],[onclick]').length,
        jsLinks: document.querySelectorAll('a[href^="javascript:" i]').length,
        strayElements: document.querySelectorAll('#evidence .article-text *:not(mark)').length,
    }""")
    assert state == {"pwned": None, "title": "Lagebild", "scripts": ["static/app.js"], "imgs": 0, "iframes": 0,
                     "handlers": 0, "jsLinks": 0, "strayElements": 0}
    assert _console_errors(browser) == []   # not even a CSP report: nothing tried to run
