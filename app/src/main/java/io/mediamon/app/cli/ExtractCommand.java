package io.mediamon.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mediamon.common.Settings;
import io.mediamon.common.Versions;
import io.mediamon.enrich.EnrichApp;
import io.mediamon.enrich.EventAssembler;
import io.mediamon.ingest.IngestException;
import io.mediamon.ingest.fetch.AddressGuard;
import io.mediamon.ingest.fetch.HttpFetcher;
import io.mediamon.ingest.source.InputReader;
import io.mediamon.schemas.AvroJson;
import io.mediamon.schemas.RawDocument;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code mediamon extract FILE|URL ...}: what enrich makes of a document, without Kafka. It reads inputs exactly
 * as ingest does and assembles events exactly as enrich does, so its output is what the pipeline would produce.
 */
@Command(name = "extract", mixinStandardHelpOptions = true,
    description = {"Print, for each input document, one JSON object with title, published_at, authors, language",
        "and text (plus dateline, canonical_url, modified_at, lead_image, linked_posts), through the same code as",
        "enrich. No Kafka needed."})
public final class ExtractCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> FIELDS = List.of("id", "url", "canonical_url", "title", "published_at", "modified_at",
      "authors", "language", "dateline", "lead_image", "linked_posts", "text");

  @Mixin CommonOptions common;

  @Parameters(paramLabel = "FILE|URL", arity = "1..*", description = "Files, folders, feeds or page URLs.")
  List<String> inputs;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Settings settings = common.settings();
    EventAssembler assembler = EnrichApp.assembler(settings, Versions.of(ExtractCommand.class));
    long maxBytes = settings.bytes("ingest.max.body.bytes");
    InputReader reader = new InputReader(new HttpFetcher(new AddressGuard(settings.flag("ingest.allow.private.addresses")),
        settings.duration("ingest.http.timeout"), maxBytes, settings.string("ingest.http.user.agent")), maxBytes,
        Clock.systemUTC());
    PrintWriter out = spec.commandLine().getOut();
    int[] failures = {0};
    for (String input : inputs) {
      reader.read(input, new InputReader.Listener() {
        @Override
        public void document(RawDocument document) {
          ObjectNode line = JSON.createObjectNode().put("input", document.getOrigin().getUri());
          try {
            ObjectNode event = AvroJson.toTree(assembler.assemble(document));
            FIELDS.forEach(f -> line.set(f, event.get(f)));
          } catch (RuntimeException e) {
            failures[0]++;
            line.put("error", e.getMessage());
          }
          print(out, line);
        }

        @Override
        public void failure(String origin, IngestException error, byte[] payload) {
          failures[0]++;
          print(out, JSON.createObjectNode().put("input", origin).put("error", error.getMessage()));
        }
      });
    }
    return failures[0] == 0 ? 0 : 1;
  }

  private static void print(PrintWriter out, ObjectNode line) {
    try {
      out.println(JSON.writeValueAsString(line));
      out.flush();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
