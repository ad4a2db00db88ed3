#!/usr/bin/env bash
# The documentation keeps up with the programs: every long option a
# binary's --help prints is in its man page and in README.md, and the man
# pages render without warnings (when groff and man are installed).
. "$(dirname "$0")/lib.sh"

# Every README is expected to name every option except the two that all
# programs have; the man pages must name them all.
readme_exempt=" --help --version "

# The long options in a --help text, one per line, sorted and unique.
long_options() {
    grep -oE -- '--[a-z][a-z0-9-]*' | sort -u
}

# Man page source as plain text: "\-" is a hyphen, font escapes go.
man_text() {
    sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\f(..//g' "$1"
}

for prog in wiredex-index wiredex-search; do
    page=man/$prog.1
    begin "$page exists"
    expect_equal "$([ -f "$page" ] && echo yes)" yes

    help=$("$WX_BIN/$prog" --help 2>&1)
    opts=$(printf '%s\n' "$help" | long_options)
    begin "$prog --help prints long options"
    expect_match '--db' "$opts"

    text=$(man_text "$page" 2>/dev/null)
    missing_man="" missing_readme=""
    for o in $opts; do
        # An option is named when it is not followed by more of a name
        # ("--to" is not found inside "--topic").
        if ! grep -qE -- "$o([^a-z0-9-]|\$)" <<<"$text"; then
            missing_man="$missing_man $o"
        fi
        if [[ $readme_exempt != *" $o "* ]] &&
            ! grep -qE -- "$o([^a-z0-9-]|\$)" README.md; then
            missing_readme="$missing_readme $o"
        fi
    done
    begin "every option of $prog --help is in $page"
    expect_equal "${missing_man# }" ""
    begin "every option of $prog --help is in README.md"
    expect_equal "${missing_readme# }" ""
done

# Rendering: groff's warnings (all of them, -ww) and man's own.
for page in man/wiredex-index.1 man/wiredex-search.1; do
    if command -v groff >/dev/null 2>&1; then
        begin "$page renders with groff without warnings"
        warn=$(groff -man -Tutf8 -ww "$page" 2>&1 >/dev/null)
        expect_equal "$warn" ""
        begin "$page has the usual sections, in order"
        out=$(groff -man -Tascii -P-c -P-b -P-u "$page" 2>/dev/null)
        want='NAME'
        for sec in SYNOPSIS DESCRIPTION OPTIONS 'EXIT STATUS' \
            ENVIRONMENT FILES EXAMPLES 'SEE ALSO'; do
            want="$want"$'\n.*'"$sec"
        done
        expect_match "$want" "$out"
    else
        echo "  skipped: groff not installed ($page)"
    fi
    if command -v man >/dev/null 2>&1; then
        begin "$page renders with man -l without warnings"
        warn=$(MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)
        expect_equal "$warn" ""
    else
        echo "  skipped: man not installed ($page)"
    fi
done

begin "the search man page names the CGI environment"
text=$(man_text man/wiredex-search.1)
for v in WIREDEX_DB GATEWAY_INTERFACE REQUEST_METHOD QUERY_STRING; do
    expect_match "$v" "$text"
done

begin "docs/formats.md covers every --format name"
fmts=$("$WX_BIN/wiredex-index" --help | sed -n '/--format/,/--default-year/p')
for f in reuters-sgml gigaword text jsonl nitf newsml; do
    expect_match "$f" "$fmts"
    expect_match "## $f" "$(cat docs/formats.md)"
done

finish
