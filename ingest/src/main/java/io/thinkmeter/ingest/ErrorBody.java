package io.thinkmeter.ingest;

import java.util.List;

/** Every error reply: a short sentence and the problems, each naming the field (or line) and value. */
public record ErrorBody(String error, List<String> problems) {}
