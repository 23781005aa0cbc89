package io.mediamon.sink.alert;

/** Recursive-descent parser of the saved-query language (see {@link Query}). */
final class QueryParser {
  private final String text;
  private int pos;

  QueryParser(String text) {
    this.text = text == null ? "" : text;
  }

  Query parse() {
    skipSpaces();
    if (pos >= text.length()) {
      throw new QueryException(text, 0, "empty query");
    }
    Query q = or();
    skipSpaces();
    if (pos < text.length()) {
      throw new QueryException(text, pos, "unexpected '" + text.charAt(pos) + "'");
    }
    return q;
  }

  private Query or() {
    Query left = and();
    while (keyword("OR")) {
      left = new Query.Or(left, and());
    }
    return left;
  }

  private Query and() {
    Query left = not();
    while (true) {
      skipSpaces();
      if (pos >= text.length() || text.charAt(pos) == ')' || peekKeyword("OR")) {
        return left;
      }
      keyword("AND");
      left = new Query.And(left, not());
    }
  }

  private Query not() {
    if (keyword("NOT")) {
      return new Query.Not(not());
    }
    return primary();
  }

  private Query primary() {
    skipSpaces();
    if (pos >= text.length()) {
      throw new QueryException(text, pos, "a term is missing at the end");
    }
    char c = text.charAt(pos);
    if (c == '(') {
      int open = pos++;
      Query inner = or();
      skipSpaces();
      if (pos >= text.length() || text.charAt(pos) != ')') {
        throw new QueryException(text, open, "'(' is never closed");
      }
      pos++;
      return inner;
    }
    if (c == ')') {
      throw new QueryException(text, pos, "')' without '('");
    }
    if (c == '"') {
      return Query.Text.of(quoted());
    }
    int start = pos;
    String word = word();
    if (pos < text.length() && text.charAt(pos) == ':') {
      String field = word.toLowerCase(java.util.Locale.ROOT);
      if (!Query.Field.NAMES.contains(field)) {
        throw new QueryException(text, start, "unknown field '" + word + "' (fields: " + Query.Field.NAMES + ")");
      }
      pos++;
      if (pos >= text.length() || Character.isWhitespace(text.charAt(pos)) || text.charAt(pos) == ')') {
        throw new QueryException(text, pos, "a value is missing after '" + word + ":'");
      }
      String value = text.charAt(pos) == '"' ? quoted() : word();
      return Query.Field.of(field, value);
    }
    if (word.equals("AND") || word.equals("OR")) {
      throw new QueryException(text, start, "'" + word + "' needs a term before it");
    }
    return Query.Text.of(word);
  }

  private String quoted() {
    int open = pos++;
    int close = text.indexOf('"', pos);
    if (close < 0) {
      throw new QueryException(text, open, "quote is never closed");
    }
    String phrase = text.substring(pos, close).strip();
    if (phrase.isEmpty()) {
      throw new QueryException(text, open, "empty phrase");
    }
    pos = close + 1;
    return phrase;
  }

  private String word() {
    int start = pos;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (Character.isWhitespace(c) || c == '(' || c == ')' || c == '"' || c == ':') {
        break;
      }
      pos++;
    }
    if (pos == start) {
      throw new QueryException(text, pos, "a term is expected");
    }
    return text.substring(start, pos);
  }

  private boolean keyword(String k) {
    if (peekKeyword(k)) {
      pos += k.length();
      return true;
    }
    return false;
  }

  private boolean peekKeyword(String k) {
    skipSpaces();
    int end = pos + k.length();
    return text.startsWith(k, pos) && (end == text.length() || Character.isWhitespace(text.charAt(end))
        || text.charAt(end) == '(' || text.charAt(end) == '"');
  }

  private void skipSpaces() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }
}
