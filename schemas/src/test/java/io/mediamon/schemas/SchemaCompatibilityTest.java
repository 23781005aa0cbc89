package io.mediamon.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every published version of every schema must be readable by the current one, and vice versa. */
class SchemaCompatibilityTest {

  static Stream<Arguments> currentAgainstEveryPublishedVersion() {
    return Stream.of(RawDocument.getClassSchema(), EventRecord.getClassSchema(), DeadLetter.getClassSchema(),
            PostRecord.getClassSchema(), NearDupProbe.getClassSchema(), NearDupVote.getClassSchema(),
            NearDupBand.getClassSchema(), NearDupRepoint.getClassSchema(), StoryRecord.getClassSchema(),
            AlertRecord.getClassSchema(), AlertRule.getClassSchema(),
            FeedState.getClassSchema(), FeedHealth.getClassSchema())
        .flatMap(current -> {
          List<Schema> history = SchemaHistory.versions(current.getName());
          assertThat(history).as("history of %s", current.getName()).isNotEmpty();
          return java.util.stream.IntStream.range(0, history.size())
              .mapToObj(i -> Arguments.of(current.getName(), "v" + (i + 1), history.get(i), current));
        });
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("currentAgainstEveryPublishedVersion")
  void shouldReadOldRecordsWithCurrentSchemaAndBack(String name, String version, Schema old, Schema current) {
    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(current, old).getType())
        .as("current %s reads %s", name, version)
        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(old, current).getType())
        .as("%s reads current %s", version, name)
        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("currentAgainstEveryPublishedVersion")
  void shouldPublishTheCurrentSchemaAsTheLatestVersion(String name, String version, Schema old, Schema current) {
    List<Schema> history = SchemaHistory.versions(name);
    // the fingerprint is what travels in every message; a schema change without a new vN.avsc would
    // write records that no other service can resolve
    assertThat(SchemaNormalization.parsingFingerprint64(history.get(history.size() - 1)))
        .as("latest published %s must equal the schema the code is generated from: add vN+1.avsc", name)
        .isEqualTo(SchemaNormalization.parsingFingerprint64(current));
  }
}
