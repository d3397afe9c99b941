#!/usr/bin/env python3
"""Relevance benchmark (issue 14): nDCG@10 and recall@100 for libcaci and SQLite FTS5 bm25
(tokenize='porter unicode61 remove_diacritics 2') on judged queries over a synthetic archive with
planted topics.

Each article gets one to three planted topics; a topic is written in one of its forms: inflected
forms of a word (negotiation, negotiations, negotiated, negotiating) or regional spellings of a
place (Kazakhstan, Kazakstan; Almaty, Alma-Ata). A query is one form of a topic; the relevant
articles are those the topic was planted in, whatever the form (gain 2 when planted in the title, 1
in the text). Also checks that every article containing a query word exactly is a libcaci hit.

  bench/relevance.py [--articles N] [--seed S] [--out DIR] [--markdown]
Needs the Python binding (python/) and libcaci.so (CACI_LIBRARY or the build tree).
"""
import argparse
import math
import os
import random
import re
import sqlite3
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
import caci  # noqa: E402

INFLECTED = [
    ["negotiation", "negotiations", "negotiated", "negotiating"],
    ["sanction", "sanctions", "sanctioned"],
    ["election", "elections", "elected"],
    ["pipeline", "pipelines"],
    ["investment", "investments", "invested", "investing"],
    ["reform", "reforms", "reformed", "reforming"],
    ["protest", "protests", "protested", "protesting"],
    ["border", "borders", "bordering"],
    ["refugee", "refugees"],
    ["economy", "economies"],
    ["policy", "policies"],
    ["treaty", "treaties"],
    ["tariff", "tariffs"],
    ["export", "exports", "exported", "exporting"],
    ["deploy", "deployed", "deploying", "deployment"],
    ["smuggle", "smuggled", "smuggling"],
    ["militant", "militants"],
    ["ally", "allies", "allied"],
    ["drill", "drilled", "drilling"],
    ["privatize", "privatized", "privatizing"],
    ["insurgency", "insurgencies"],
    ["corridor", "corridors"],
]
VARIANTS = [
    ["Kazakhstan", "Kazakstan"],
    ["Kyrgyzstan", "Kirghizia", "Kyrgyz Republic"],
    ["Almaty", "Alma-Ata"],
    ["Bishkek", "Frunze"],
    ["Ashgabat", "Ashkhabad"],
    ["Tbilisi", "Tiflis"],
    ["Turkmenbashi", "Krasnovodsk"],
    ["Astana", "Nur-Sultan"],
    ["Turkey", "T\u00fcrkiye"],
    ["Tajikistan", "Tadjikistan"],
    ["Chechnya", "Ichkeria"],
    ["Karabakh", "Karabagh"],
    ["Ossetia", "Osetia"],
    ["Abkhazia", "Apsny"],
    ["Dushanbe", "Stalinabad"],
    ["Tashkent", "Toshkent"],
    ["Bukhara", "Bokhara"],
    ["Samarkand", "Samarqand"],
]
FILLER = ("the of and in to a on for with that as by from at this which its their was were has "
          "have been will would government officials region regional local analysts said report "
          "new since during after before year years month week central asia caucasus state "
          "states country political security energy trade talks minister president parliament "
          "public support issue issues plan plans project projects important recent recently "
          "however while although both between against among within about over under more most "
          "several many other others such these those into also only even still already").split()
NAMES = ["Aliya Karimova", "Bakyt Usmanov", "Daniyar Suleimenov", "Elena Petrova",
         "Farid Tashkentov", "Gulnara Ismailova", "Ilham Mammadov", "Nino Beridze"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def sentence(rng, planted):
    words = [rng.choice(FILLER) for _ in range(rng.randint(10, 18))]
    for w in planted:
        words.insert(rng.randrange(len(words) + 1), w)
    s = " ".join(words)
    return s[0].upper() + s[1:] + "."


def generate(n, seed, out_dir):
    rng = random.Random(seed)
    topics = [("w", f) for f in INFLECTED] + [("v", f) for f in VARIANTS]
    judged = {}  # topic index -> {article number: gain}
    pages, page, texts = [], [], {}
    for i in range(1, n + 1):
        chosen = rng.sample(range(len(topics)), rng.randint(1, 3))
        title_topic = chosen[0] if rng.random() < 0.3 else None
        title_words = [rng.choice(FILLER).capitalize() for _ in range(4)]
        if title_topic is not None:
            title_words.insert(1, rng.choice(topics[title_topic][1]))
        paras = []
        for t in chosen:
            forms = topics[t][1]
            for _ in range(rng.randint(1, 3)):
                paras.append(sentence(rng, [rng.choice(forms)]))
            judged.setdefault(t, {})[i] = 2 if t == title_topic else 1
        while len(paras) < 6:
            paras.append(sentence(rng, []))
        rng.shuffle(paras)
        date = f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, {rng.randint(1999, 2025)}"
        # The 2025 layout: byline, date, lead, BACKGROUND/IMPLICATIONS/CONCLUSIONS; the marker word
        # idNNNN identifies the article in both engines.
        lead = f"{' '.join(title_words)}: id{i:05d}. {paras[0]}"
        body = (f"By {rng.choice(NAMES)}\n{date}\n{lead}\nBACKGROUND: {paras[1]} {paras[2]}\n"
                f"IMPLICATIONS: {paras[3]} {paras[4]}\nCONCLUSIONS: {' '.join(paras[5:])}\n")
        texts[i] = lead + " " + " ".join(paras[1:])
        page.append(body)
        if len(page) == 500:
            pages.append(page)
            page = []
    if page:
        pages.append(page)
    os.makedirs(out_dir, exist_ok=True)
    files = []
    for k, p in enumerate(pages):
        path = os.path.join(out_dir, f"relevance-{k:03d}.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write("".join(p))
            f.write("Sign up for upcoming events, latest news and articles from the CACI Analyst")
        files.append(path)
    queries = []  # (query text, topic index)
    for t, (_, forms) in enumerate(topics):
        for form in forms[:2]:
            queries.append((form, t))
    with open(os.path.join(out_dir, "judgments.tsv"), "w", encoding="utf-8") as f:
        f.write("query\trelevant articles (marker:gain)\n")
        for q, t in queries:
            f.write(q + "\t" + " ".join(f"id{a:05d}:{g}" for a, g in sorted(judged[t].items())) + "\n")
    return files, queries, judged, texts


def words(text):
    return re.findall(r"\w+", text.lower())


def ndcg10(ranked, gains):
    dcg = sum(gains.get(a, 0) / math.log2(r + 2) for r, a in enumerate(ranked[:10]))
    ideal = sorted(gains.values(), reverse=True)[:10]
    idcg = sum(g / math.log2(r + 2) for r, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall100(ranked, gains):
    return len(set(ranked[:100]) & set(gains)) / len(gains) if gains else 1.0


def marker(text):
    m = re.search(r"\bid(\d{5})\b", text or "")
    return int(m.group(1)) if m else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--out", default="bench/out/relevance")
    ap.add_argument("--markdown", action="store_true")
    a = ap.parse_args()
    files, queries, judged, texts = generate(a.articles, a.seed, a.out)

    doc = caci.parse(files)
    index = caci.Index(doc)
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize='porter unicode61 remove_diacritics 2')")
    db.executemany("INSERT INTO t(rowid, body) VALUES (?, ?)", texts.items())

    res = {"libcaci": [0.0, 0.0], "fts5": [0.0, 0.0]}
    exact_total = exact_found = 0
    for q, t in queries:
        gains = judged[t]
        hits = index.search(q, limit=100000)
        ranked = [marker(h.article.text) for h in hits]
        res["libcaci"][0] += ndcg10(ranked, gains)
        res["libcaci"][1] += recall100(ranked, gains)
        fts_q = '"' + " ".join(words(q)) + '"'
        ranked_f = [r[0] for r in db.execute(
            "SELECT rowid FROM t WHERE t MATCH ? ORDER BY bm25(t) LIMIT 100", (fts_q,))]
        res["fts5"][0] += ndcg10(ranked_f, gains)
        res["fts5"][1] += recall100(ranked_f, gains)
        qw = words(q)
        hit_set = set(ranked)
        for art, text in texts.items():
            tw = words(text)
            if any(tw[k:k + len(qw)] == qw for k in range(len(tw))):
                exact_total += 1
                exact_found += art in hit_set
    n = len(queries)
    rows = [(e, v[0] / n, v[1] / n) for e, v in res.items()]
    if a.markdown:
        print(f"Relevance on {n} judged queries over {a.articles} generated articles with planted "
              f"topics (inflected forms and regional spellings; `bench/relevance.py`):\n")
        print("| engine | nDCG@10 | recall@100 |\n|---|---|---|")
        for e, nd, rc in rows:
            print(f"| {e} | {nd:.3f} | {rc:.3f} |")
        print(f"\nlibcaci hits every article holding a query word exactly: {exact_found} of "
              f"{exact_total}.")
    else:
        for e, nd, rc in rows:
            print(f"{e:8s} nDCG@10 {nd:.3f}  recall@100 {rc:.3f}  ({n} queries)")
        print(f"exact-word matches found by libcaci: {exact_found}/{exact_total}")
    return 0 if exact_found == exact_total else 1


if __name__ == "__main__":
    sys.exit(main())
