package io.mediamon.sink.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mediamon.schemas.AvroJson;
import io.mediamon.schemas.EventRecord;
import io.mediamon.schemas.MediaTopic;
import io.mediamon.sink.alert.Query;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * The events of media.events in an embedded Lucene index, for search over the past with the saved-query language.
 * One document per event id (a re-delivered event replaces itself). Each commit records the media.events offsets it
 * holds ({@link #commit}), so the feeder resumes exactly there after a restart: index and offsets move together, and
 * an index that is absent is rebuilt from the topic.
 */
public final class SearchIndex implements AutoCloseable {
  static final String ID = "id";
  static final String STORY = "story_id";
  static final String TEXT = "text";
  static final String FIELD_PREFIX = "f_";
  static final String JSON_FIELD = "json";
  static final String WHEN = "when";
  /** The facets a search counts, each a doc-values field of the same name. */
  public static final List<String> FACETS = List.of("day", "language", "country", "topic", "source");
  /** Marks a later copy (from media.duplicates): on its story's page, not among search hits. */
  static final String COPY = "copy";
  private static final String OFFSETS_SUFFIX = ".offsets";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Directory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;

  /** One hit: the event as JSON (Avro JSON, snake_case fields). */
  public record Hit(JsonNode event) {}

  /** A facet value and how many hits have it; {@code label} for topics. */
  public record FacetValue(String value, String label, long count) {}

  /** A page of hits, the total, and the facet counts over all hits. */
  public record Result(long total, List<Hit> hits, Map<String, List<FacetValue>> facets) {}

  public SearchIndex(Path dir) {
    try {
      this.directory = FSDirectory.open(dir);
      // words as long as alerts see them (the default splits at 255 characters), within Lucene's term limit
      this.writer = new IndexWriter(directory, new IndexWriterConfig(new WhitespaceAnalyzer(LuceneQueries.MAX_TERM_CHARS))
          .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
      this.searchers = new SearcherManager(writer, null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the search index in " + dir, e);
    }
  }

  /** A topic's offsets (partition → next offset) the last commit holds; empty for a new index. */
  public Map<Integer, Long> committedOffsets(String topic) {
    Map<Integer, Long> offsets = new TreeMap<>();
    Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
    if (data != null) {
      for (Map.Entry<String, String> e : data) {
        if (e.getKey().equals(topic + OFFSETS_SUFFIX) && !e.getValue().isBlank()) {
          for (String pair : e.getValue().split(",")) {
            String[] p = pair.split("=");
            offsets.put(Integer.parseInt(p[0]), Long.parseLong(p[1]));
          }
        }
      }
    }
    return offsets;
  }

  /** Adds or replaces a first copy (visible to searches after the next {@link #commit}). */
  public void add(EventRecord event) {
    add(event, false);
  }

  /** Adds or replaces an event; a later copy of a story ({@code copy}) shows on its story, not among hits. */
  public void add(EventRecord event, boolean copy) {
    Query.EventView view = new Query.EventView(event);
    Document doc = new Document();
    doc.add(new StringField(ID, event.getId(), Field.Store.NO));
    if (copy) {
      doc.add(new StringField(COPY, "1", Field.Store.NO));
    }
    doc.add(new StringField(STORY, event.getStoryId() == null ? event.getId() : event.getStoryId(), Field.Store.NO));
    doc.add(new TextField(TEXT, view.foldedText(), Field.Store.NO));
    view.fieldValues().forEach((name, values) ->
        values.forEach(v -> doc.add(new StringField(FIELD_PREFIX + name, LuceneQueries.cap(v), Field.Store.NO))));
    Instant when = event.getPublishedAt() != null ? event.getPublishedAt()
        : event.getProvenance() != null && event.getProvenance().getIngestedAt() != null
            ? event.getProvenance().getIngestedAt() : Instant.EPOCH;
    doc.add(new NumericDocValuesField(WHEN, when.toEpochMilli()));
    facet(doc, "day", List.of(when.atOffset(ZoneOffset.UTC).toLocalDate().toString()));
    facet(doc, "language", event.getLanguage() == null ? List.of() : List.of(event.getLanguage()));
    facet(doc, "country", event.getTags().getCountries().stream().map(CharSequence::toString).toList());
    List<String> topics = new ArrayList<>();
    for (MediaTopic t : event.getTags().getTopics()) {
      topics.add(t.getCode() + " " + t.getLabel());
    }
    facet(doc, "topic", topics);
    String source = event.getSource() == null ? null : event.getSource().getSiteName();
    facet(doc, "source", source == null ? List.of() : List.of(source));
    doc.add(new StoredField(JSON_FIELD, AvroJson.toJson(event)));
    try {
      writer.updateDocument(new Term(ID, event.getId()), doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void facet(Document doc, String name, List<String> values) {
    for (String v : Set.copyOf(values)) {
      doc.add(new SortedSetDocValuesField(name, new BytesRef(LuceneQueries.cap(v))));
    }
  }

  /** Makes what was added durable and searchable, with the offsets per topic it brings the index to. */
  public void commit(Map<String, Map<Integer, Long>> offsets) {
    Map<String, String> data = new TreeMap<>();
    offsets.forEach((topic, partitions) -> {
      StringBuilder value = new StringBuilder();
      partitions.forEach((p, o) -> value.append(value.isEmpty() ? "" : ",").append(p).append('=').append(o));
      data.put(topic + OFFSETS_SUFFIX, value.toString());
    });
    try {
      writer.setLiveCommitData(data.entrySet());
      writer.commit();
      searchers.maybeRefresh();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Events matching the query, newest first, one page of them, with facet counts over every match. */
  public Result search(Query query, int page, int size) {
    org.apache.lucene.search.Query lucene = new org.apache.lucene.search.BooleanQuery.Builder()
        .add(LuceneQueries.of(query), org.apache.lucene.search.BooleanClause.Occur.MUST)
        .add(new TermQuery(new Term(COPY, "1")), org.apache.lucene.search.BooleanClause.Occur.MUST_NOT).build();
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        int wanted = Math.max(1, (page + 1) * size);
        TopDocs top = searcher.search(lucene, wanted, new Sort(new SortField(WHEN, SortField.Type.LONG, true)));
        List<Hit> hits = new ArrayList<>();
        for (int i = page * size; i < top.scoreDocs.length && i < (page + 1) * size; i++) {
          hits.add(hit(searcher, top.scoreDocs[i]));
        }
        FacetCounter counter = new FacetCounter();
        searcher.search(lucene, counter);
        return new Result(counter.total, hits, counter.result());
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every event of a story, oldest first. */
  public List<JsonNode> story(String storyId, int max) {
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        TopDocs top = searcher.search(new TermQuery(new Term(STORY, storyId)), max,
            new Sort(new SortField(WHEN, SortField.Type.LONG, false)));
        List<JsonNode> events = new ArrayList<>();
        for (ScoreDoc d : top.scoreDocs) {
          events.add(hit(searcher, d).event());
        }
        return events;
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The event with this id, or null. */
  public JsonNode event(String id) {
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        TopDocs top = searcher.search(new TermQuery(new Term(ID, id)), 1);
        return top.scoreDocs.length == 0 ? null : hit(searcher, top.scoreDocs[0]).event();
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Events the last commit made searchable. */
  public int size() {
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        return searcher.getIndexReader().numDocs();
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Hit hit(IndexSearcher searcher, ScoreDoc doc) throws IOException {
    return new Hit(JSON.readTree(searcher.storedFields().document(doc.doc).get(JSON_FIELD)));
  }

  @Override
  public void close() {
    try {
      searchers.close();
      writer.close();
      directory.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Counts every match and, per facet, each value of the matches (doc values, one pass). */
  private static final class FacetCounter extends SimpleCollector {
    private final Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
    private final Map<String, SortedSetDocValues> values = new HashMap<>();
    private long total;

    @Override
    protected void doSetNextReader(LeafReaderContext context) throws IOException {
      for (String facet : FACETS) {
        values.put(facet, context.reader().getSortedSetDocValues(facet));
      }
    }

    @Override
    public void collect(int doc) throws IOException {
      total++;
      for (String facet : FACETS) {
        SortedSetDocValues dv = values.get(facet);
        if (dv != null && dv.advanceExact(doc)) {
          for (int i = 0; i < dv.docValueCount(); i++) {
            String value = dv.lookupOrd(dv.nextOrd()).utf8ToString();
            counts.computeIfAbsent(facet, f -> new HashMap<>()).merge(value, 1L, Long::sum);
          }
        }
      }
    }

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.COMPLETE_NO_SCORES;
    }

    /** Per facet, the 20 most frequent values (the days newest first). */
    Map<String, List<FacetValue>> result() {
      Map<String, List<FacetValue>> result = new LinkedHashMap<>();
      for (String facet : FACETS) {
        List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.getOrDefault(facet, Map.of()).entrySet());
        entries.sort(facet.equals("day") ? Map.Entry.<String, Long>comparingByKey().reversed()
            : Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        List<FacetValue> top = new ArrayList<>();
        for (Map.Entry<String, Long> e : entries.subList(0, Math.min(20, entries.size()))) {
          if (facet.equals("topic")) {
            int space = e.getKey().indexOf(' ');
            top.add(new FacetValue(e.getKey().substring(0, space), e.getKey().substring(space + 1), e.getValue()));
          } else {
            top.add(new FacetValue(e.getKey(), null, e.getValue()));
          }
        }
        result.put(facet, top);
      }
      return result;
    }
  }
}
