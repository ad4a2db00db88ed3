#!/bin/sh
# Generate a news-folder tree for measuring walks: N plain-text articles
# (default 2000), one per file, headline first, in five topic folders,
# with a README at the top and every 25th story filed twice (a
# byte-identical copy in another folder). The text is generated from a
# small self-written vocabulary with a fixed seed, so every run makes
# the same tree. Usage: sh bench/make-folder-tree.sh DIR [N]
set -eu
dir=$1
n=${2:-2000}
for t in business sport politics tech culture; do mkdir -p "$dir/$t"; done
cat >"$dir/README.TXT" <<'TXT'
Generated news folder for wiredex measurements: one article per file,
headline on the first line, then paragraphs, in topic folders.
TXT
awk -v dir="$dir" -v n="$n" 'BEGIN {
    srand(14);
    split("business sport politics tech culture", topics, " ");
    split("harbour council market league museum bakery ferry river " \
          "bridge orchestra station library airport farm factory union " \
          "court school hospital festival stadium tram port mill", nouns, " ");
    split("opens closes raises cuts wins loses approves delays expands " \
          "moves welcomes rejects plans reviews", verbs, " ");
    split("new old northern southern city regional central national " \
          "small record early late", adjs, " ");
    split("LONDON PARIS MADRID BERLIN ROME OSLO LISBON VIENNA", cities, " ");
    split("Reuters AP AFP EFE", agencies, " ");
    dups = 0;
    for (i = 1; i <= n - int(n / 25); i++) {
        t = topics[1 + (i % 5)];
        head = sprintf("%s %s %s %s %d", toupper(substr(adjs[1 + int(rand() * 12)], 1, 1)) \
               substr(adjs[1 + int(rand() * 12)], 2), nouns[1 + int(rand() * 24)], \
               verbs[1 + int(rand() * 14)], nouns[1 + int(rand() * 24)], i);
        body = "";
        paras = 2 + int(rand() * 4);
        for (p = 0; p < paras; p++) {
            s = "";
            if (p == 0 && i % 3 == 0)
                s = sprintf("%s (%s) - ", cities[1 + int(rand() * 8)], agencies[1 + int(rand() * 4)]);
            words = 30 + int(rand() * 60);
            for (w = 0; w < words; w++) {
                r = rand();
                word = r < 0.4 ? nouns[1 + int(rand() * 24)] : r < 0.7 ? adjs[1 + int(rand() * 12)] : r < 0.9 ? verbs[1 + int(rand() * 14)] : "the";
                s = s (w ? " " : "") word;
            }
            body = body "\n" s ".\n";
        }
        f = sprintf("%s/%s/%04d.txt", dir, t, i);
        printf "%s\n%s", head, body > f;
        close(f);
        if (i % 24 == 0 && dups < int(n / 25)) {
            dups++;
            g = sprintf("%s/%s/%04d-copy.txt", dir, topics[1 + ((i + 2) % 5)], i);
            printf "%s\n%s", head, body > g;
            close(g);
        }
    }
}'
