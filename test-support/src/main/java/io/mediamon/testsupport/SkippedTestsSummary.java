package io.mediamon.testsupport;

import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.opentest4j.TestAbortedException;

/**
 * One line at the end of each module's test run naming every test that skipped and why (a missing {@code ../shared},
 * a user that reads every folder), so a green build that skipped its real-data checks says so. Registered for every
 * test run of a module that uses test-support (META-INF/services).
 */
public final class SkippedTestsSummary implements TestExecutionListener {
  private final List<String> skipped = new ArrayList<>();

  @Override
  public void executionSkipped(TestIdentifier test, String reason) {
    skipped.add(test.getDisplayName() + " (" + reason + ")");
  }

  @Override
  public void executionFinished(TestIdentifier test, TestExecutionResult result) {
    if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
      String reason = result.getThrowable().filter(TestAbortedException.class::isInstance).map(Throwable::getMessage)
          .orElse("aborted");
      skipped.add(name(test) + " (" + reason.replaceFirst("^Assumption failed: ", "") + ")");
    }
  }

  @Override
  public void testPlanExecutionFinished(TestPlan plan) {
    if (!skipped.isEmpty()) {
      // stdout of the test JVM: the build log shows it beside surefire's own counts
      System.out.println("mediamon: " + skipped.size() + " skipped: " + String.join("; ", skipped));
    }
  }

  private static String name(TestIdentifier test) {
    return test.getSource().map(Object::toString).filter(s -> s.contains("className"))
        .map(s -> s.replaceAll(".*className = '([^']*)'.*methodName = '([^']*)'.*", "$1.$2")
            .replaceAll("^.*\\.([A-Za-z0-9]+\\.[A-Za-z0-9]+)$", "$1"))
        .orElse(test.getDisplayName());
  }
}
