package io.mediamon.sink.search;

import io.mediamon.sink.alert.Query;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.TermQuery;

/**
 * The saved-query language as a Lucene query over a {@link SearchIndex}, term for term: words and phrases against the
 * same folded words the alerts match ({@link Query.EventView#foldedText}), field filters against the same folded
 * values ({@link Query.EventView#fieldValues}), so a query finds in the past exactly what it would alert on.
 */
final class LuceneQueries {
  private LuceneQueries() {}

  /** Longest term kept: Lucene refuses terms over 32,766 bytes, and a field value this long is no tag anyway. */
  static final int MAX_TERM_CHARS = 4_000;

  static org.apache.lucene.search.Query of(Query query) {
    if (query instanceof Query.And || query instanceof Query.Or) {
      // a chain of ANDs (or ORs) is one boolean query, not a nest of two-clause ones
      boolean and = query instanceof Query.And;
      List<Query> operands = new ArrayList<>();
      flatten(query, and, operands);
      BooleanQuery.Builder b = new BooleanQuery.Builder();
      for (Query operand : operands) {
        b.add(of(operand), and ? Occur.MUST : Occur.SHOULD);
      }
      if (!and) {
        b.setMinimumNumberShouldMatch(1);
      }
      return b.build();
    }
    if (query instanceof Query.Not not) {
      return new BooleanQuery.Builder().add(new MatchAllDocsQuery(), Occur.MUST).add(of(not.inner()), Occur.MUST_NOT)
          .build();
    }
    if (query instanceof Query.Text text) {
      String[] words = text.words();
      if (words.length == 1) {
        return new TermQuery(new Term(SearchIndex.TEXT, words[0]));
      }
      return new PhraseQuery(SearchIndex.TEXT, words);
    }
    Query.Field field = (Query.Field) query;
    return new TermQuery(new Term(SearchIndex.FIELD_PREFIX + field.name(), cap(field.folded())));
  }

  static String cap(String value) {
    return value.length() > MAX_TERM_CHARS ? value.substring(0, MAX_TERM_CHARS) : value;
  }

  private static void flatten(Query query, boolean and, List<Query> into) {
    if (and && query instanceof Query.And a) {
      flatten(a.left(), true, into);
      flatten(a.right(), true, into);
    } else if (!and && query instanceof Query.Or o) {
      flatten(o.left(), false, into);
      flatten(o.right(), false, into);
    } else {
      into.add(query);
    }
  }
}
