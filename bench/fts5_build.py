"""The peer `caci index` is compared with: SQLite FTS5 building a full-text table of the same
articles, in process, journal and sync off. The articles come from `caci parse --format jsonl`
output, read before the clock starts (parsing is not counted). Writes the database (the sqlite3
CLI then searches it) and prints {"seconds", "rows"} as JSON.

    python3 bench/fts5_build.py ARTICLES.jsonl OUT.db
"""
import json
import os
import sqlite3
import sys
import time


def paragraphs(value):
    return [p if isinstance(p, str) else (p or {}).get("text", "") for p in (value or [])]


def article_text(a):
    parts = paragraphs(a.get("lead"))
    for s in a.get("sections") or []:
        parts.append(s.get("heading") or "")
        parts.extend(paragraphs(s.get("paragraphs")))
    parts.extend(paragraphs(a.get("bio")))
    return "\n".join(p for p in parts if p)


def main():
    src, db_path = sys.argv[1], sys.argv[2]
    rows = []
    with open(src, encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            authors = " ".join(x.get("name", "") for x in a.get("authors") or [])
            rows.append((a.get("title") or "", authors, article_text(a)))
    if os.path.exists(db_path):
        os.remove(db_path)
    t0 = time.perf_counter()
    db = sqlite3.connect(db_path, isolation_level=None)
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    db.execute("CREATE VIRTUAL TABLE a USING fts5(title, authors, body)")
    db.execute("BEGIN")
    db.executemany("INSERT INTO a(title, authors, body) VALUES (?, ?, ?)", rows)
    db.execute("COMMIT")
    db.close()
    seconds = time.perf_counter() - t0
    print(json.dumps({"seconds": seconds, "rows": len(rows)}))


main()
