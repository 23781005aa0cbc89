#!/usr/bin/env python3
"""Machine-translates the Scrapinghub ground-truth articles with Apertium, for the labelled syndication set.

The near-duplicate benchmark needs copies of an article in another language, and this machine has no translation
service: Apertium (rule-based, offline, a Debian package) makes them. Its output is rougher than a newsroom's
translation (unknown words left as they are, some names translated), which is what a cross-language matcher meets in
wire copy too. Run it again only to change the set; the benchmark reads the committed output.

    apt-get install apertium apertium-eng-spa
    python3 tools/translations/translate.py ../shared/corpora/article-extraction-scrapinghub/ground-truth.json \
        eng-spa bench/src/main/resources/syndication/scrapinghub-eng-spa.json
"""
import json
import subprocess
import sys


def main(ground_truth, pair, out):
    articles = json.load(open(ground_truth, encoding="utf-8"))
    translated = {}
    for key in sorted(articles):
        body = articles[key]["articleBody"]
        # -u: no marks on unknown words (apertium writes them with a leading '*' otherwise)
        result = subprocess.run(["apertium", "-u", pair], input=body, capture_output=True, text=True, check=True)
        translated[key] = {"articleBody": result.stdout.strip(), "url": articles[key]["url"]}
    with open(out, "w", encoding="utf-8") as f:
        json.dump(translated, f, ensure_ascii=False, indent=0, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main(*sys.argv[1:4])
