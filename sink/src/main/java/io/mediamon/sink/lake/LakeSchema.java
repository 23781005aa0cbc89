package io.mediamon.sink.lake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The row schema of a lake table: the topic's record schema plus where each row came from in Kafka
 * ({@code _kafka_partition}, {@code _kafka_offset}, {@code _kafka_timestamp}), so that a reader can order the versions of
 * a compacted topic's key and trace a row back to its record.
 */
public final class LakeSchema {
  public static final String PARTITION = "_kafka_partition";
  public static final String OFFSET = "_kafka_offset";
  public static final String TIMESTAMP = "_kafka_timestamp";

  /** The data model the Parquet writer and reader use: specific records with java.time logical types. */
  public static final SpecificData MODEL = model();

  private LakeSchema() {}

  public static Schema of(Schema record) {
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field f : record.getFields()) {
      fields.add(new Schema.Field(f, f.schema()));
    }
    fields.add(new Schema.Field(PARTITION, Schema.create(Schema.Type.INT), "Kafka partition of the record.", null));
    fields.add(new Schema.Field(OFFSET, Schema.create(Schema.Type.LONG), "Kafka offset of the record.", null));
    fields.add(new Schema.Field(TIMESTAMP, LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG)),
        "Kafka timestamp of the record.", null));
    Schema row = Schema.createRecord(record.getName() + "Row", record.getDoc(), record.getNamespace() + ".lake", false);
    row.setFields(fields);
    return row;
  }

  /** One row: the record's fields, shared not copied, and its Kafka coordinates. */
  public static GenericRecord row(Schema rowSchema, SpecificRecord value, int partition, long offset, long timestamp) {
    GenericData.Record row = new GenericData.Record(rowSchema);
    int n = value.getSchema().getFields().size();
    for (int i = 0; i < n; i++) {
      row.put(i, value.get(i));
    }
    row.put(n, partition);
    row.put(n + 1, offset);
    row.put(n + 2, Instant.ofEpochMilli(timestamp));
    return row;
  }

  private static SpecificData model() {
    SpecificData model = new SpecificData();
    model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
    model.addLogicalTypeConversion(new TimeConversions.DateConversion());
    return model;
  }
}
