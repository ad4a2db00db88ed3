# Sourced by replay.sh and run.sh: the fuzz targets and the seed inputs
# of each (fixtures of its format, then tests/fuzz/corpus/TARGET and
# every past crash in tests/fuzz/crashes/TARGET).
fuzz_seeds() {
    case $1 in
    fuzz_reader_sgml) echo fixtures/sgml ;;
    fuzz_reader_gigaword) echo fixtures/gigaword ;;
    fuzz_reader_text) echo fixtures/text fixtures/broken fixtures/hostile ;;
    fuzz_reader_jsonl) echo fixtures/jsonl fixtures/hostile fixtures/broken ;;
    fuzz_reader_nitf) echo fixtures/nitf ;;
    fuzz_reader_newsml) echo fixtures/newsml ;;
    fuzz_detect) echo fixtures/sample fixtures/broken ;;
    esac
    local d
    for d in tests/fuzz/corpus/$1 tests/fuzz/crashes/$1; do
        [ -d "$d" ] && echo "$d"
    done
    return 0
}
# XML and SGML targets get a dictionary of their tags.
fuzz_dict() {
    case $1 in
    fuzz_reader_sgml|fuzz_reader_gigaword) echo tests/fuzz/sgml.dict ;;
    fuzz_reader_nitf|fuzz_reader_newsml) echo tests/fuzz/xml.dict ;;
    fuzz_query|fuzz_cgi) echo tests/fuzz/query.dict ;;
    esac
}
