package io.mediamon.sink.lake;

import io.mediamon.schemas.AvroSerde;
import io.mediamon.schemas.EventRecord;
import io.mediamon.schemas.PostRecord;
import io.mediamon.schemas.StoryRecord;
import io.mediamon.schemas.Topic;
import io.mediamon.schemas.Topics;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * A table of the lake: the topic it is read from, and how a record finds its Hive partition
 * ({@code dt=YYYY-MM-DD/lang=xx}): {@code time} dates it by what it tells of the world (an event's publication),
 * {@code ingestTime} by when mediamon first had it. Stories and posts are changelogs of compacted topics: the lake
 * keeps every version, and the {@code _kafka_offset} column orders them (latest wins).
 */
public record LakeTable<T extends SpecificRecord>(String name, Topic<String, T> topic, AvroSerde<T> serde,
    Function<T, Instant> time, Function<T, Instant> ingestTime, Function<T, String> language) {

  /** Which day {@code dt} is: see {@code sink.lake.partition.time} in docs/configuration.md. */
  public enum PartitionTime {
    /** Events and duplicates by publication day (else ingest day); stories and posts by first-seen day. */
    PUBLISHED,
    /**
     * Every table by the day mediamon ingested the record (stories and posts: first seen): an archive or a backlog
     * spread over years lands in a few large files instead of one small file per publication day, and a day's
     * partition gets no rows once the day is over.
     */
    INGESTED
  }

  /** Undetermined language (ISO 639-2 {@code und}): stories and posts, and events whose language is unknown. */
  public static final String UNDETERMINED = "und";

  public static final LakeTable<EventRecord> EVENTS =
      new LakeTable<>("events", Topics.EVENTS, Topics.EVENT_SERDE, LakeTable::eventTime, LakeTable::ingestTime,
          EventRecord::getLanguage);
  public static final LakeTable<EventRecord> DUPLICATES =
      new LakeTable<>("duplicates", Topics.DUPLICATES, Topics.EVENT_SERDE, LakeTable::eventTime, LakeTable::ingestTime,
          EventRecord::getLanguage);
  public static final LakeTable<StoryRecord> STORIES = new LakeTable<>("stories", Topics.STORIES, Topics.STORY_SERDE,
      StoryRecord::getFirstSeenAt, StoryRecord::getFirstSeenAt, s -> null);
  public static final LakeTable<PostRecord> POSTS = new LakeTable<>("posts", Topics.POSTS, Topics.POST_SERDE,
      LakeTable::firstSeen, LakeTable::firstSeen, p -> null);

  public static final List<LakeTable<?>> ALL = List.of(EVENTS, DUPLICATES, STORIES, POSTS);

  public Schema schema() {
    return serde.schema();
  }

  public static Optional<LakeTable<?>> named(String name) {
    return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  public static Optional<LakeTable<?>> forTopic(String topic) {
    return ALL.stream().filter(t -> t.topic().name().equals(topic)).findFirst();
  }

  /** The Hive partition of a record; {@code fallback} (the Kafka timestamp) dates records that carry no time. */
  public LakeFiles.Partition partitionOf(T record, long fallbackEpochMillis, PartitionTime by) {
    Instant t = (by == PartitionTime.INGESTED ? ingestTime : time).apply(record);
    LocalDate dt = (t != null ? t : Instant.ofEpochMilli(Math.max(0, fallbackEpochMillis))).atZone(ZoneOffset.UTC).toLocalDate();
    return new LakeFiles.Partition(dt, languageValue(language.apply(record)));
  }

  /** A language code safe as a folder name: lower-case letters, digits and dashes, else {@code und}. */
  static String languageValue(String code) {
    if (code == null || code.isBlank() || !code.matches("[A-Za-z0-9-]{1,16}")) {
      return UNDETERMINED;
    }
    return code.toLowerCase(Locale.ROOT);
  }

  private static Instant eventTime(EventRecord e) {
    return e.getPublishedAt() != null ? e.getPublishedAt() : ingestTime(e);
  }

  private static Instant ingestTime(EventRecord e) {
    return e.getProvenance() != null ? e.getProvenance().getIngestedAt() : null;
  }

  private static Instant firstSeen(PostRecord p) {
    return p.getFirstSeenAt() != null ? p.getFirstSeenAt() : p.getPostedAt();
  }
}
