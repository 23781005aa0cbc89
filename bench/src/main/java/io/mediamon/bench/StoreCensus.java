package io.mediamon.bench;

import io.mediamon.enrich.EnrichTopology;
import io.mediamon.enrich.dedup.CrossLanguageSigner;
import io.mediamon.enrich.dedup.NearDupBandProcessor;
import io.mediamon.schemas.NearDupBand;
import io.mediamon.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;

/**
 * What the RocksDB stores hold, read from their files after the streams application closed: the live entries, not
 * the files (which also keep deleted and overwritten entries until RocksDB compacts them). Per store, the entries and
 * the bytes of their keys and values as the store writes them, before RocksDB's or the changelog's compression and
 * overheads: what the state is, rather than how it is kept. For the band store, also by kind of band (word bands
 * are numbered from 0, anchor bands from {@link CrossLanguageSigner#FIRST_BAND}: the key's first byte): buckets,
 * members and full buckets (a full bucket stores no new story).
 */
final class StoreCensus {
  private static final byte[] OFFSETS_FAMILY = "offsets".getBytes(StandardCharsets.UTF_8);
  /** Live entries and their bytes of keys and values, by store, over all tasks. */
  final Map<String, long[]> live = new TreeMap<>();
  /** The band store's [words, anchors][buckets, members, full buckets, bytes]. */
  private final long[][] bands = new long[2][4];

  private StoreCensus() {}

  /** Reads every store once. */
  static StoreCensus take(Path streamsDir) throws Exception {
    StoreCensus census = new StoreCensus();
    for (Path store : stores(streamsDir)) {
      String name = store.getFileName().toString();
      long[] t = census.live.computeIfAbsent(name, s -> new long[2]);
      boolean bandStore = name.equals(EnrichTopology.NEAR_DUP_BAND_STORE);
      forEachEntry(store, (key, value) -> {
        t[0]++;
        t[1] += key.length + value.length;
        if (bandStore) {
          census.countBand(key, value);
        }
      });
    }
    return census;
  }

  private void countBand(byte[] key, byte[] value) {
    NearDupBand band = Topics.NEAR_DUP_BAND_SERDE.decode(value);
    long[] t = bands[key[0] < CrossLanguageSigner.FIRST_BAND ? 0 : 1];
    t[0]++;
    t[1] += band.getMembers().size();
    t[2] += band.getMembers().size() >= NearDupBandProcessor.MAX_MEMBERS ? 1 : 0;
    t[3] += key.length + value.length;
  }

  void reportBands(long documents) {
    String[] kinds = {"word bands", "anchor bands"};
    for (int k = 0; k < kinds.length; k++) {
      long[] t = bands[k];
      System.out.printf(Locale.ROOT, "  band store, %-12s %,10d buckets (%,d full), %,11d members: %.2f per document,"
          + " %.0f bytes of keys and values per document%n", kinds[k], t[0], t[2], t[1], (double) t[1] / documents,
          (double) t[3] / documents);
    }
  }

  /** Key-value stores' directories: {@code <state dir>/<application>/<task>/rocksdb/<store>}. */
  private static List<Path> stores(Path streamsDir) throws Exception {
    try (Stream<Path> dirs = Files.walk(streamsDir)) {
      return dirs.filter(d -> Files.isDirectory(d) && d.getParent() != null
          && d.getParent().getFileName().toString().equals("rocksdb")).toList();
    }
  }

  private static void forEachEntry(Path store, BiConsumer<byte[], byte[]> entry) throws Exception {
    RocksDB.loadLibrary();
    List<ColumnFamilyDescriptor> families = new ArrayList<>();
    try (Options options = new Options()) {
      families.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY));
      for (byte[] name : RocksDB.listColumnFamilies(options, store.toString())) {
        if (!Arrays.equals(name, RocksDB.DEFAULT_COLUMN_FAMILY)) {
          families.add(new ColumnFamilyDescriptor(name));
        }
      }
    }
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try (DBOptions options = new DBOptions();
        RocksDB db = RocksDB.openReadOnly(options, store.toString(), families, handles)) {
      // entries are in the default column family, or in keyValueWithTimestamp for a timestamped store; "offsets"
      // holds Kafka Streams' own bookkeeping (the changelog offsets the store has caught up to)
      for (int i = 0; i < handles.size(); i++) {
        if (Arrays.equals(families.get(i).getName(), OFFSETS_FAMILY)) {
          continue;
        }
        try (RocksIterator it = db.newIterator(handles.get(i))) {
          for (it.seekToFirst(); it.isValid(); it.next()) {
            entry.accept(it.key(), it.value());
          }
        }
      }
      handles.forEach(ColumnFamilyHandle::close);
    }
  }
}
