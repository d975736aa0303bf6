package io.covey.docs.client;

/** What docs/CLIENT.md's ReportJob completes with. */
public record ReportResult(int year, String file) {
}
