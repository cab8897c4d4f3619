from datetime import date

from ingest_helpers import DE, EN, articles, only_problem, problems, run

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>Beispiel Nachrichten</title><link>https://example.org/</link>
<item>
  <title>Hilfen beschlossen</title>
  <link>https://example.org/1</link>
  <guid>tag:example.org,2025:1</guid>
  <pubDate>Fri, 07 Feb 2025 23:30:00 +0100</pubDate>
  <description>&lt;p&gt;{DE.strip()}&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror="alert(2)"&gt;</description>
</item>
<item>
  <title>Ohne Kennung</title>
  <link>https://example.org/2</link>
  <description>Zweiter Eintrag mit etwas Text über die Lage im Land.</description>
</item>
<item>
  <title>Nur Titel</title>
</item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Example Wire</title>
<entry>
  <title>Aid extended</title>
  <link href="https://example.org/atom/1"/>
  <updated>2024-06-01T08:00:00Z</updated>
  <content type="html">&lt;p&gt;{EN.strip()}&lt;/p&gt;&lt;p&gt;Second paragraph.&lt;/p&gt;</content>
</entry>
</feed>"""


def test_rss_entries(tmp_path):
    f = tmp_path / "news.rss"
    f.write_text(RSS, encoding="utf-8")
    items = run([f], published=date(2000, 1, 1))
    a1, a2 = articles(items)
    assert a1.text == DE.strip()
    assert "alert" not in a1.text and "<" not in a1.text
    assert a1.title == "Hilfen beschlossen"
    assert a1.url == "https://example.org/1"
    assert a1.id == "tag:example.org,2025:1"
    assert a1.source == "Beispiel Nachrichten"
    assert a1.published == date(2025, 2, 7)  # RFC 2822, date as written
    assert a1.language == "de"
    assert a1.path == f"{f}#1"
    assert a2.id == "https://example.org/2"  # no guid: the link
    assert a2.published == date(2000, 1, 1)  # no date in the entry: the fallback
    (prob,) = problems(items)
    assert prob.source == f"{f}#3"


def test_atom_by_content_sniffing(tmp_path):
    f = tmp_path / "wire"  # no extension: the content says feed
    f.write_text(ATOM, encoding="utf-8")
    (art,) = articles(run([f]))
    assert art.text == EN.strip() + "\nSecond paragraph."
    assert art.source == "Example Wire"
    assert art.published == date(2024, 6, 1)
    assert art.url == "https://example.org/atom/1"
    assert art.language == "en"


def test_entry_without_id_or_link(tmp_path):
    f = tmp_path / "x.xml"
    f.write_text('<rss version="2.0"><channel><title>T</title><item><description>'
                 "Ein Eintrag ganz ohne Kennung und ohne Verweis.</description></item></channel></rss>",
                 encoding="utf-8")
    (art,) = articles(run([f]))
    assert art.id == "x.xml#1"


def test_malformed_feed(tmp_path):
    f = tmp_path / "kaputt.xml"
    f.write_text("<?xml version='1.0'?><rss><channel><title>Halb", encoding="utf-8")
    prob = only_problem(run([f]))
    assert prob.message.startswith(("malformed feed", "feed has no entries"))
    assert "\n" not in prob.message


def test_feed_never_fetches(tmp_path):
    # Content that is a URL must be treated as (bad) feed content, not fetched.
    f = tmp_path / "url.rss"
    f.write_text("http://127.0.0.1:9/feed.xml", encoding="utf-8")
    prob = only_problem(run([f]))
    assert prob.source == str(f)
