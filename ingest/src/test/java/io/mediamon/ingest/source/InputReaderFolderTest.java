package io.mediamon.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamon.ingest.IngestException;
import io.mediamon.ingest.fetch.AddressGuard;
import io.mediamon.ingest.fetch.HttpFetcher;
import io.mediamon.schemas.RawDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One unreadable subfolder costs its own entries, not the whole folder. */
class InputReaderFolderTest {
  @TempDir Path folder;

  @Test
  void shouldReadTheRestOfAFolderWhenASubfolderCannotBeListed() throws Exception {
    Files.writeString(folder.resolve("a.txt"), "First document.\n\nIt has a paragraph of text in it.");
    Files.writeString(folder.resolve("c.txt"), "Third document.\n\nIt has a paragraph of text in it.");
    Path locked = Files.createDirectory(folder.resolve("b-locked"));
    Files.writeString(locked.resolve("hidden.txt"), "Not readable.");
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    try {
      Assumptions.assumeFalse(Files.isReadable(locked),
          "SKIPPED: this user reads folders without permission (root), so no folder here is unreadable");
      List<String> documents = new ArrayList<>();
      List<String> failures = new ArrayList<>();
      readFolder(documents, failures);
      assertThat(documents).hasSize(2);
      assertThat(failures).singleElement().asString().contains("b-locked", "cannot list");
    } finally {
      Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void shouldReadLinkedFilesAndReportABrokenLinkAsItsOwnFailure() throws Exception {
    // root reads every folder, so this is the case of an unreadable entry that holds for any user
    Files.writeString(folder.resolve("a.txt"), "First document.\n\nIt has a paragraph of text in it.");
    // a name of no known kind: the walk reads it only through the link
    Path elsewhere = Files.writeString(folder.resolve("linked.data"), "Linked document.\n\nIt has a paragraph of text.");
    Files.createSymbolicLink(folder.resolve("b-linked.txt"), elsewhere);
    Files.createSymbolicLink(folder.resolve("c-broken.txt"), folder.resolve("gone.txt"));
    Files.writeString(folder.resolve("d.txt"), "Fourth document.\n\nIt has a paragraph of text in it.");
    List<String> documents = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    readFolder(documents, failures);
    assertThat(documents).hasSize(3).anySatisfy(uri -> assertThat(uri).endsWith("b-linked.txt"));
    assertThat(failures).singleElement().asString().contains("c-broken.txt", "a link to nothing");
  }

  private void readFolder(List<String> documents, List<String> failures) {
    new InputReader(new HttpFetcher(new AddressGuard(false), Duration.ofSeconds(5), 1 << 20, "test"), 1 << 20,
        Clock.systemUTC()).read(folder.toString(), new InputReader.Listener() {
          @Override
          public void document(RawDocument document) {
            documents.add(document.getOrigin().getUri());
          }

          @Override
          public void failure(String origin, IngestException error, byte[] payload) {
            failures.add(origin + " " + error.getMessage());
          }
        });
  }
}
