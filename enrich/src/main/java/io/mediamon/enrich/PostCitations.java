package io.mediamon.enrich;

import io.mediamon.schemas.EventRecord;
import io.mediamon.schemas.LinkedPost;
import io.mediamon.schemas.PostRecord;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Folds the events that cite a social post into that post's record on {@code media.posts}. */
final class PostCitations {
  static final int MAX_EVENTS = 100;
  static final int MAX_OUTLETS = 1000;

  private PostCitations() {}

  /** The key of a post on media.posts. */
  static String key(LinkedPost post) {
    return post.getPlatform() + ":" + post.getPostId();
  }

  /** One citation: the post as seen in one event. */
  static PostRecord citation(LinkedPost post, EventRecord event) {
    return PostRecord.newBuilder()
        .setPlatform(post.getPlatform())
        .setPostId(post.getPostId())
        .setAuthor(post.getAuthor())
        .setUrl(post.getUrl())
        .setPostedAt(post.getPostedAt())
        .setFirstSeenAt(event.getProvenance().getIngestedAt())
        .setFirstEventId(event.getId())
        .setCitingEvents(List.of(event.getId()))
        .setCitationCount(1)
        .setOutlets(List.of(outlet(event)))
        .setOutletCount(1)
        .build();
  }

  /** An empty aggregate, before any citation. */
  static PostRecord empty() {
    return PostRecord.newBuilder().setPlatform("").setPostId("").setUrl("").build();
  }

  /** Adds a citation to the aggregate; re-delivery of the same event does not count twice. */
  static PostRecord add(PostRecord total, PostRecord citation) {
    String eventId = citation.getFirstEventId();
    if (total.getCitingEvents().contains(eventId)) {
      return total;
    }
    if (total.getCitationCount() == 0) {
      return citation;
    }
    List<String> events = new ArrayList<>(total.getCitingEvents());
    if (events.size() < MAX_EVENTS) {
      events.add(eventId);
    }
    List<String> outlets = new ArrayList<>(total.getOutlets());
    String outlet = citation.getOutlets().get(0);
    int outletCount = total.getOutletCount();
    if (!outlets.contains(outlet)) {
      outletCount++;
      if (outlets.size() < MAX_OUTLETS) {
        outlets.add(outlet);
      }
    }
    return PostRecord.newBuilder(total)
        .setAuthor(total.getAuthor() != null ? total.getAuthor() : citation.getAuthor())
        .setCitingEvents(events)
        .setCitationCount(total.getCitationCount() + 1)
        .setOutlets(outlets)
        .setOutletCount(outletCount)
        .build();
  }

  /** Who published the event: its site name, else the host of its URL, else where it was read from. */
  static String outlet(EventRecord event) {
    if (event.getSource().getSiteName() != null) {
      return event.getSource().getSiteName();
    }
    String url = event.getCanonicalUrl() != null ? event.getCanonicalUrl() : event.getUrl();
    if (url != null) {
      try {
        String host = URI.create(url).getHost();
        if (host != null) {
          return host.toLowerCase(Locale.ROOT).replaceFirst("^www\\.", "");
        }
      } catch (IllegalArgumentException e) {
        // fall through to the origin
      }
    }
    return event.getSource().getOrigin() != null ? event.getSource().getOrigin() : "unknown";
  }
}
