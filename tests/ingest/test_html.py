from datetime import date

from ingest_helpers import DE, EN, only_article, only_problem, run

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<title>Aid extended | Example Times</title>
<meta property="og:title" content="Aid extended">
<meta property="og:site_name" content="Example Times">
<meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2024-03-05T10:00:00+01:00">
<link rel="canonical" href="https://example.org/aid">
<style>p {{ color: red }}</style>
<script>document.write("tracker code")</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Aid extended</h1>
<p>{p1}</p>
<p>Officials said a final decision on the second tranche is expected before the summer recess of parliament.</p>
<img src="x.png" onerror="alert('pwned')">
<script>alert("evil script")</script>
<p onclick="steal()">Critics called the step overdue &amp; too small.</p>
</article>
<footer>Copyright notice</footer>
</body></html>"""


def test_html_article_and_metadata(tmp_path):
    f = tmp_path / "aid.html"
    f.write_text(PAGE.format(p1=EN.strip()), encoding="utf-8")
    art = only_article(run([f]))
    assert EN.strip() in art.text
    assert "Critics called the step overdue & too small." in art.text
    assert art.title == "Aid extended"
    assert art.source == "Example Times"
    assert art.author == "Jane Roe"
    assert art.url == "https://example.org/aid"
    assert art.published == date(2024, 3, 5)
    assert art.language == "en"
    assert art.id == "aid.html" and art.path == str(f)


def test_hostile_html_leaves_no_markup(tmp_path):
    f = tmp_path / "evil.htm"
    f.write_text(PAGE.format(p1=EN.strip()), encoding="utf-8")
    text = only_article(run([f])).text
    for bad in ("alert", "evil script", "onerror", "onclick", "steal", "tracker", "<", ">", "color: red"):
        assert bad not in text


def test_html_without_main_text(tmp_path):
    f = tmp_path / "leer.html"
    f.write_text("<html><head><title>Nichts</title><script>var x = 1;</script></head>"
                 "<body><nav><a href='/'>Start</a> <a href='/p'>Politik</a></nav>"
                 "<footer>Impressum</footer></body></html>", encoding="utf-8")
    assert only_problem(run([f])).message == "no main text found in HTML"


def test_short_html_article(tmp_path):
    f = tmp_path / "kurz.html"
    f.write_text("<html><body><p>Der Kanzler reiste am Montag nach Paris.</p></body></html>",
                 encoding="utf-8")
    assert only_article(run([f])).text == "Der Kanzler reiste am Montag nach Paris."


def test_html_latin1_declared(tmp_path):
    f = tmp_path / "alt.html"
    f.write_bytes(('<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
                   "</head><body><article><p>" + DE.strip() + "</p></article></body></html>").encode("latin-1"))
    art = only_article(run([f]))
    assert "Größe" in art.text and art.language == "de"
