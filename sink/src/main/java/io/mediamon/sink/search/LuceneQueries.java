package io.mediamon.sink.search;

import io.mediamon.sink.alert.Query;
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

  static org.apache.lucene.search.Query of(Query query) {
    if (query instanceof Query.And and) {
      return new BooleanQuery.Builder().add(of(and.left()), Occur.MUST).add(of(and.right()), Occur.MUST).build();
    }
    if (query instanceof Query.Or or) {
      return new BooleanQuery.Builder().add(of(or.left()), Occur.SHOULD).add(of(or.right()), Occur.SHOULD)
          .setMinimumNumberShouldMatch(1).build();
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
    return new TermQuery(new Term(SearchIndex.FIELD_PREFIX + field.name(), field.folded()));
  }
}
