#!/usr/bin/env python3
"""Machine-translates article texts with Apertium, for the labelled syndication sets.

The near-duplicate benchmarks need copies of an article in another language, and this machine has no translation
service: Apertium (rule-based, offline, a Debian package) makes them. Its output is rougher than a newsroom's
translation (unknown words left as they are, some names translated), which is what a cross-language matcher meets in
wire copy too. Run it again only to change a set; the benchmarks read the committed output.

The input is a JSON object of articles, each with an "articleBody" (and a "url" or "language", kept). An article's
own "pair" names its Apertium pair; the PAIR argument is for the others.

    apt-get install apertium apertium-eng-spa apertium-fr-es
    # Scrapinghub ground truth, English to Spanish (NearDupBench)
    python3 tools/translations/translate.py ../shared/corpora/article-extraction-scrapinghub/ground-truth.json \
        eng-spa bench/src/main/resources/syndication/scrapinghub-eng-spa.json
    # trafilatura pages as mediamon extracts them, each by its language (RealPagesDupBench)
    mvn -q -pl bench exec:exec -Dbench.main=io.mediamon.bench.RealPagesDupBench -Dbench.args="texts $PWD/texts.json"
    python3 tools/translations/translate.py texts.json - bench/src/main/resources/syndication/trafilatura-translated.json
"""
import json
import subprocess
import sys


def main(articles_file, pair, out):
    articles = json.load(open(articles_file, encoding="utf-8"))
    translated = {}
    for key in sorted(articles):
        article = articles[key]
        article_pair = article.get("pair", pair)
        # -u: no marks on unknown words (apertium writes them with a leading '*' otherwise)
        result = subprocess.run(["apertium", "-u", article_pair], input=article["articleBody"], capture_output=True,
                                text=True, check=True)
        translated[key] = {"articleBody": result.stdout.strip()}
        for kept in ("url", "language", "pair"):
            if kept in article:
                translated[key][kept] = article[kept]
    with open(out, "w", encoding="utf-8") as f:
        json.dump(translated, f, ensure_ascii=False, indent=0, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main(*sys.argv[1:4])
