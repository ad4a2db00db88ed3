/*
 * LuceneBench - Lucene 8.7 peer for the wiredex benchmark (Debian liblucene8-java).
 *
 *   java LuceneBench index DIR CORPUS.jsonl     bulk index into a new DIR
 *   java LuceneBench warm  DIR QUERIES REPS [WARMUP]
 *   java LuceneBench cold  DIR 'QUERY LINE'     open, one query, 10 snippets, exit
 *
 * Index: EnglishAnalyzer (stop words, possessives, Porter stemmer) and the
 * default BM25 similarity; title and body are stored TextFields, queries
 * weight title matches 3x (as the other peers do); topic/place/agency are
 * StringFields for exact filters, and topic/place are also SortedSet
 * doc-values facets (the usual Lucene way to count facets).
 *
 * Query lines (bench/queries.txt): bare words ANDed, "..." a phrase,
 * topic:V / place:V / agency:V become FILTER clauses (TermQuery).
 *
 * warm prints, like the other harnesses:
 *   hits Q N  |  lat snip Q MS  |  lat facet Q MS
 */
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.QueryBuilder;

public final class LuceneBench {
    private static final List<String> FILTER_KINDS = List.of("topic", "place", "agency");

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("index")) {
            index(args[1], args[2]);
        } else if ((args.length == 4 || args.length == 5) && args[0].equals("warm")) {
            warm(args[1], args[2], Integer.parseInt(args[3]),
                 args.length == 5 ? Integer.parseInt(args[4]) : 1);
        } else if (args.length == 3 && args[0].equals("cold")) {
            cold(args[1], args[2]);
        } else {
            System.err.println("usage: LuceneBench index DIR CORPUS.jsonl | warm DIR QUERIES REPS [WARMUP]"
                               + " | cold DIR 'QUERY'");
            System.exit(2);
        }
    }

    // ---------------------------------------------------------------- index

    private static FacetsConfig facetsConfig() {
        FacetsConfig c = new FacetsConfig();
        c.setMultiValued("topic", true);
        c.setMultiValued("place", true);
        return c;
    }

    private static void index(String dir, String corpus) throws IOException {
        IndexWriterConfig iwc = new IndexWriterConfig(new EnglishAnalyzer());
        iwc.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        // A bulk load would raise the 16 MB default flush buffer; 128 MB
        // fits the JVM's default heap on any machine that runs this bench.
        iwc.setRAMBufferSizeMB(128);
        FacetsConfig fc = facetsConfig();
        long n = 0;
        try (IndexWriter w = new IndexWriter(FSDirectory.open(Paths.get(dir)), iwc);
             BufferedReader in = Files.newBufferedReader(Paths.get(corpus), StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty())
                    continue;
                Map<String, Object> a = new Json(line).object();
                Document d = new Document();
                d.add(new StoredField("id", ((Number) a.get("id")).longValue()));
                d.add(new StoredField("date", str(a.get("date"))));
                d.add(new StoredField("dateline", str(a.get("dateline"))));
                d.add(new TextField("title", str(a.get("title")), Field.Store.YES));
                d.add(new TextField("body", str(a.get("body")), Field.Store.YES));
                for (String kind : new String[] {"topics", "places"}) {
                    String f = kind.substring(0, kind.length() - 1);
                    for (Object v : list(a.get(kind))) {
                        String s = ((String) v).toLowerCase();
                        d.add(new StringField(f, s, Field.Store.NO));
                        d.add(new SortedSetDocValuesFacetField(f, s));
                    }
                }
                String agency = str(a.get("agency"));
                if (!agency.isEmpty())
                    d.add(new StringField("agency", agency.toLowerCase(), Field.Store.NO));
                w.addDocument(fc.build(d));
                n++;
            }
            w.commit();
        }
        System.err.println("LuceneBench: indexed " + n + " articles");
        System.out.println("docs " + n);
    }

    private static String str(Object o) { return o == null ? "" : o.toString(); }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return o == null ? new ArrayList<>() : (List<Object>) o;
    }

    // ---------------------------------------------------------------- search

    /** An open index with everything a search process keeps between requests. */
    private static final class Searcher {
        final DirectoryReader reader;
        final IndexSearcher searcher;
        final Analyzer analyzer = new EnglishAnalyzer();
        final UnifiedHighlighter highlighter;
        SortedSetDocValuesReaderState facetState;   // built lazily: costly to open

        Searcher(String dir) throws IOException {
            reader = DirectoryReader.open(FSDirectory.open(Paths.get(dir)));
            searcher = new IndexSearcher(reader);
            highlighter = new UnifiedHighlighter(searcher, analyzer);
        }

        /** One query line -> BooleanQuery: each word or phrase is a MUST
         *  clause matching title (boost 3) or body; filters are FILTER
         *  clauses.  Built with QueryBuilder rather than the classic
         *  MultiFieldQueryParser, whose AND mode turns a stop word next to
         *  a real word ("the year") into "year in title AND in body". */
        Query parse(String line) {
            QueryBuilder qb = new QueryBuilder(analyzer);
            BooleanQuery.Builder b = new BooleanQuery.Builder();
            int i = 0, n = line.length();
            while (i < n) {
                char c = line.charAt(i);
                if (Character.isWhitespace(c)) { i++; continue; }
                String tok;
                boolean phrase = c == '"';
                if (phrase) {
                    int end = line.indexOf('"', i + 1);
                    if (end < 0) end = n;
                    tok = line.substring(i + 1, end);
                    i = end + 1;
                } else {
                    int end = i;
                    while (end < n && !Character.isWhitespace(line.charAt(end))) end++;
                    tok = line.substring(i, end);
                    i = end;
                    int colon = tok.indexOf(':');
                    if (colon > 0 && FILTER_KINDS.contains(tok.substring(0, colon))) {
                        b.add(new TermQuery(new Term(tok.substring(0, colon), tok.substring(colon + 1))),
                              BooleanClause.Occur.FILTER);
                        continue;
                    }
                }
                BooleanQuery.Builder either = new BooleanQuery.Builder();
                boolean any = false;
                for (String field : new String[] {"title", "body"}) {
                    Query fq = phrase ? qb.createPhraseQuery(field, tok) : qb.createBooleanQuery(field, tok, BooleanClause.Occur.MUST);
                    if (fq == null)             // only stop words
                        continue;
                    either.add(field.equals("title") ? new BoostQuery(fq, 3f) : fq, BooleanClause.Occur.SHOULD);
                    any = true;
                }
                if (any)
                    b.add(either.build(), BooleanClause.Occur.MUST);
            }
            return b.build();
        }

        /** Top 10 with title, date and a body snippet; returns a checksum. */
        long top10(Query q, PrintStream out) throws IOException {
            TopDocs td = searcher.search(q, 10);
            return render(q, td, out);
        }

        long render(Query q, TopDocs td, PrintStream out) throws IOException {
            String[] snippets = highlighter.highlight("body", q, td);
            long sum = 0;
            for (int i = 0; i < td.scoreDocs.length; i++) {
                Document d = searcher.doc(td.scoreDocs[i].doc);
                String title = d.get("title"), snip = snippets[i] == null ? "" : snippets[i];
                if (out != null)
                    out.println(d.get("id") + "\t" + d.get("date") + "\t" + title + "\t" + snip);
                sum += title.length() + snip.length();
            }
            return sum;
        }

        /** Top 10 with snippets plus topic and place counts over all matches. */
        long top10Facets(Query q) throws IOException {
            if (facetState == null)
                facetState = new DefaultSortedSetDocValuesReaderState(reader);
            FacetsCollector fc = new FacetsCollector();
            TopDocs td = FacetsCollector.search(searcher, q, 10, fc);
            long sum = render(q, td, null);
            Facets f = new SortedSetDocValuesFacetCounts(facetState, fc);
            for (String dim : new String[] {"topic", "place"}) {
                FacetResult r = f.getTopChildren(10, dim);
                if (r != null)
                    sum += r.value.longValue();
            }
            return sum;
        }
    }

    private static void warm(String dir, String qfile, int reps, int warmup) throws Exception {
        List<String> lines = new ArrayList<>();
        for (String l : Files.readAllLines(Paths.get(qfile), StandardCharsets.UTF_8))
            if (!l.isBlank() && !l.startsWith("#"))
                lines.add(l);
        Searcher s = new Searcher(dir);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false);
        long sink = 0;
        for (int i = 0; i < lines.size(); i++)
            out.println("hits " + i + " " + s.searcher.count(s.parse(lines.get(i))));
        // Untimed passes: page cache, facet state and above all the JIT
        // (a long-running Lucene server is always warm).
        // They do exactly the timed work, parsing included, or the first
        // timed pass still pays for compiling the parser.
        for (int w = 0; w < warmup; w++)
            for (String l : lines)
                sink += s.top10(s.parse(l), null) + s.top10Facets(s.parse(l));
        // Timings include query parsing, as in the other harnesses.
        for (int r = 0; r < reps; r++)
            for (int i = 0; i < lines.size(); i++) {
                long t0 = System.nanoTime();
                sink += s.top10(s.parse(lines.get(i)), null);
                out.printf("lat snip %d %.4f%n", i, (System.nanoTime() - t0) / 1e6);
            }
        for (int r = 0; r < reps; r++)
            for (int i = 0; i < lines.size(); i++) {
                long t0 = System.nanoTime();
                sink += s.top10Facets(s.parse(lines.get(i)));
                out.printf("lat facet %d %.4f%n", i, (System.nanoTime() - t0) / 1e6);
            }
        out.flush();
        System.err.println("LuceneBench: checksum " + sink);
        s.reader.close();
    }

    private static void cold(String dir, String line) throws Exception {
        Searcher s = new Searcher(dir);
        s.top10(s.parse(line), System.out);
        s.reader.close();
    }

    // ---------------------------------------------------------------- JSON

    /** Just enough JSON for one corpus line: objects, arrays, strings,
     *  numbers, true/false/null (the JDK has no JSON parser). */
    private static final class Json {
        private final String s;
        private int p;

        Json(String s) { this.s = s; }

        @SuppressWarnings("unchecked")
        Map<String, Object> object() { return (Map<String, Object>) value(); }

        private void ws() { while (p < s.length() && s.charAt(p) <= ' ') p++; }

        private Object value() {
            ws();
            char c = s.charAt(p);
            if (c == '{') {
                Map<String, Object> m = new HashMap<>();
                p++;
                ws();
                if (s.charAt(p) == '}') { p++; return m; }
                while (true) {
                    ws();
                    String k = string();
                    ws();
                    expect(':');
                    m.put(k, value());
                    ws();
                    if (s.charAt(p++) == '}') return m;   // else ','
                }
            }
            if (c == '[') {
                List<Object> l = new ArrayList<>();
                p++;
                ws();
                if (s.charAt(p) == ']') { p++; return l; }
                while (true) {
                    l.add(value());
                    ws();
                    if (s.charAt(p++) == ']') return l;
                }
            }
            if (c == '"') return string();
            if (s.startsWith("true", p)) { p += 4; return Boolean.TRUE; }
            if (s.startsWith("false", p)) { p += 5; return Boolean.FALSE; }
            if (s.startsWith("null", p)) { p += 4; return null; }
            int start = p;
            while (p < s.length() && "+-0123456789.eE".indexOf(s.charAt(p)) >= 0) p++;
            String num = s.substring(start, p);
            if (num.isEmpty()) throw new IllegalArgumentException("bad JSON at " + start);
            return num.matches("-?\\d+") ? (Object) Long.parseLong(num) : (Object) Double.parseDouble(num);
        }

        private void expect(char c) {
            if (s.charAt(p++) != c) throw new IllegalArgumentException("expected " + c + " at " + (p - 1));
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = s.charAt(p++);
                if (c == '"') return b.toString();
                if (c != '\\') { b.append(c); continue; }
                char e = s.charAt(p++);
                switch (e) {
                    case 'n': b.append('\n'); break;
                    case 't': b.append('\t'); break;
                    case 'r': b.append('\r'); break;
                    case 'b': b.append('\b'); break;
                    case 'f': b.append('\f'); break;
                    case 'u': b.append((char) Integer.parseInt(s.substring(p, p + 4), 16)); p += 4; break;
                    default: b.append(e);                  // \" \\ \/
                }
            }
        }
    }
}
