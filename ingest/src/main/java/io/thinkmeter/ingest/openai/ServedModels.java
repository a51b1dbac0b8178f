package io.thinkmeter.ingest.openai;

import io.thinkmeter.chat.ChatModel;
import io.thinkmeter.chat.ChatTemplateException;
import io.thinkmeter.contracts.ChatMessage;
import io.thinkmeter.contracts.Level;
import io.thinkmeter.contracts.Method;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The models the workers serve, as the front door needs them: their names for {@code GET /v1/models}, and
 * their chat templates, so a conversation a template cannot express is refused here with a 400 rather
 * than failing on a worker later. Read from the same directories the workers are given.
 *
 * <p>A template is asked once per conversation shape (the model, the level, the roles in order), not per
 * request: rendering costs a fraction of a millisecond, which a 100,000-line batch would pay 100,000
 * times, and templates refuse conversations by their roles and order, not by their text. A template that
 * refused one text and took another of the same shape would be caught by the worker, whose result is then
 * an error naming it.
 */
public final class ServedModels {

    /** Enough for every shape a real workload has; past it, shapes are checked each time rather than kept. */
    static final int MAX_SHAPES = 10_000;

    private final Served main;
    private final Served tldr;
    private final Map<String, Optional<String>> refusalByShape = new ConcurrentHashMap<>();

    /**
     * @param main the main model (none, budget-forcing, ts; and tldr when there is no TLDR model); may be null
     *             when ingest is not told the models
     * @param tldr the TLDR model; may be null
     */
    public ServedModels(Served main, Served tldr) {
        this.main = main;
        this.tldr = tldr;
    }

    /** A model and when its descriptor was written (OpenAI's {@code created}). */
    public record Served(ChatModel model, Instant created) {

        static Served read(Path dir) {
            ChatModel model = ChatModel.read(dir);
            try {
                return new Served(model, Files.getLastModifiedTime(dir.resolve(ChatModel.DESCRIPTOR)).toInstant());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + dir.resolve(ChatModel.DESCRIPTOR), e);
            }
        }

        public String name() {
            return model.name();
        }
    }

    public static final ServedModels NONE = new ServedModels(null, null);

    /** @throws IllegalArgumentException or UncheckedIOException when a directory has no readable reasoner.json */
    public static ServedModels read(Optional<Path> mainDir, Optional<Path> tldrDir) {
        if (mainDir.isEmpty() && tldrDir.isPresent()) {
            throw new IllegalArgumentException("thinkmeter.ingest.tldr-model-dir is set without thinkmeter.ingest.model-dir");
        }
        return new ServedModels(mainDir.map(Served::read).orElse(null), tldrDir.map(Served::read).orElse(null));
    }

    /** Main first, then TLDR. */
    public List<Served> all() {
        List<Served> all = new ArrayList<>(2);
        if (main != null) {
            all.add(main);
        }
        if (tldr != null) {
            all.add(tldr);
        }
        return all;
    }

    public Optional<Served> named(String name) {
        return all().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The model that runs TLDR levels: the TLDR model, else a main model trained with levels; empty if none. */
    public Optional<ChatModel> tldrModel() {
        if (tldr != null) {
            return Optional.of(tldr.model());
        }
        return main != null && main.model().hasLevels() ? Optional.of(main.model()) : Optional.empty();
    }

    /** The model a request of this method runs on, as the workers choose; empty when ingest was not told. */
    public Optional<ChatModel> forMethod(Method method) {
        if (method == Method.TLDR && tldr != null) {
            return Optional.of(tldr.model());
        }
        return Optional.ofNullable(main).map(Served::model);
    }

    /**
     * Why the model that would run it cannot take this conversation, in its template's own words; empty
     * when it can (or when ingest was not told the models: the worker then answers with an error result).
     *
     * @param level the TLDR level, when chosen: its instruction is rendered where the template puts it
     */
    public Optional<String> refusal(List<ChatMessage> messages, Method method, Level level) {
        Optional<ChatModel> model = forMethod(method);
        if (model.isEmpty()) {
            return Optional.empty();
        }
        String shape = model.get().name() + "\n" + level + "\n"
                + messages.stream().map(ChatMessage::role).collect(Collectors.joining("\n"));
        Optional<String> known = refusalByShape.get(shape);
        if (known != null) {
            return known;
        }
        String instruction = level == null ? "" : model.get().levels().getOrDefault(level.wireName(), "");
        Optional<String> refusal;
        try {
            model.get().template().render(messages, instruction);
            refusal = Optional.empty();
        } catch (ChatTemplateException e) {
            refusal = Optional.of(e.getMessage());
        }
        if (refusalByShape.size() < MAX_SHAPES) {
            refusalByShape.put(shape, refusal);
        }
        return refusal;
    }

    public Served main() {
        return main;
    }

    public Served tldr() {
        return tldr;
    }
}
