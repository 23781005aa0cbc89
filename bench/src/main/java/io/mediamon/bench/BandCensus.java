package io.mediamon.bench;

import io.mediamon.enrich.EnrichTopology;
import io.mediamon.enrich.dedup.CrossLanguageSigner;
import io.mediamon.enrich.dedup.NearDupBandProcessor;
import io.mediamon.schemas.NearDupBand;
import io.mediamon.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;

/**
 * What the band store holds, by kind of band (word bands are numbered from 0, anchor bands from
 * {@link CrossLanguageSigner#FIRST_BAND}: the key's first byte): buckets, members, full buckets (a full bucket stores
 * no new story) and the bytes of keys and values. Read from the RocksDB files after the streams application closed,
 * so the live entries are counted, not the files.
 */
final class BandCensus {
  private BandCensus() {}

  static void report(Path streamsDir, long documents) throws Exception {
    long[][] totals = new long[2][4]; // [words, anchors][buckets, members, full buckets, bytes]
    List<Path> stores;
    try (Stream<Path> dirs = Files.walk(streamsDir)) {
      stores = dirs.filter(d -> d.getFileName().toString().equals(EnrichTopology.NEAR_DUP_BAND_STORE)
          && d.getParent().getFileName().toString().equals("rocksdb")).toList();
    }
    RocksDB.loadLibrary();
    for (Path store : stores) {
      count(store, totals);
    }
    String[] kinds = {"word bands", "anchor bands"};
    for (int k = 0; k < kinds.length; k++) {
      long[] t = totals[k];
      System.out.printf(Locale.ROOT, "  band store, %-12s %,10d buckets (%,d full), %,11d members: %.2f per document,"
          + " %.0f bytes of keys and values per document%n", kinds[k], t[0], t[2], t[1], (double) t[1] / documents,
          (double) t[3] / documents);
    }
  }

  private static void count(Path store, long[][] totals) throws Exception {
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
      // the default column family holds the store's entries; others hold Kafka Streams' own bookkeeping
      for (ColumnFamilyHandle handle : handles.subList(0, 1)) {
        try (RocksIterator it = db.newIterator(handle)) {
          for (it.seekToFirst(); it.isValid(); it.next()) {
            byte[] key = it.key();
            byte[] value = it.value();
            NearDupBand band = Topics.NEAR_DUP_BAND_SERDE.decode(value);
            long[] t = totals[key[0] < CrossLanguageSigner.FIRST_BAND ? 0 : 1];
            t[0]++;
            t[1] += band.getMembers().size();
            t[2] += band.getMembers().size() >= NearDupBandProcessor.MAX_MEMBERS ? 1 : 0;
            t[3] += key.length + value.length;
          }
        }
      }
      handles.forEach(ColumnFamilyHandle::close);
    }
  }
}
