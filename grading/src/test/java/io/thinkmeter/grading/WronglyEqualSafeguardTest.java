package io.thinkmeter.grading;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * The grader's promise, that it errs only towards "unequal", checked on the real golds of
 * ../shared/datasets (skipped when absent): random pairs of different golds, and near misses made
 * from each gold by one character (a digit changed, a sign flipped, a bracket swapped), must be
 * unequal unless the pair is listed in {@code equal-gold-pairs.txt}, checked by hand to be the same
 * mathematical object. Seeded, so a run is reproducible. The suite runs
 * {@value #DEFAULT_RANDOM_PAIRS} random pairs; {@code -Dgrading.randomPairs=49550} runs the full check
 * (a few minutes).
 */
class WronglyEqualSafeguardTest {

    static final int DEFAULT_RANDOM_PAIRS = 3000;
    private static final long SEED = 15;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AnswerGrader grader = SharedGrader.GRADER;

    @Test
    void randomPairsOfDifferentGoldsShouldBeUnequalUnlessCheckedByHand() throws IOException {
        List<String> golds = golds();
        Set<String> known = knownEqual();
        int pairs = Integer.getInteger("grading.randomPairs", DEFAULT_RANDOM_PAIRS);
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        int compared = 0;
        int knownEqual = 0;
        long started = System.nanoTime();
        for (int n = 0; n < pairs; n++) {
            String a = golds.get(random.nextInt(golds.size()));
            String b = golds.get(random.nextInt(golds.size()));
            if (sameText(a, b)) {
                continue;
            }
            compared++;
            if (grader.equal(a, b)) {
                if (known.contains(a + "\t" + b) || known.contains(b + "\t" + a)) {
                    knownEqual++;
                } else {
                    failures.add(a + "\t" + b);
                }
            }
        }
        System.out.printf("random gold pairs: %d drawn, %d with different texts, %d equal and known, %d wrongly equal; %d ms%n",
                pairs, compared, knownEqual, failures.size(), (System.nanoTime() - started) / 1_000_000);
        assertTrue(failures.isEmpty(), failures.size() + " pairs graded equal, not in equal-gold-pairs.txt:\n" + String.join("\n", failures));
    }

    @Test
    void oneCharacterNearMissesShouldBeUnequalUnlessCheckedByHand() throws IOException {
        List<String> golds = golds();
        Set<String> known = knownEqual();
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        int made = 0;
        int knownEqual = 0;
        long started = System.nanoTime();
        for (String gold : new ArrayList<>(new java.util.LinkedHashSet<>(golds))) {
            for (String miss : nearMisses(gold, random)) {
                if (sameText(miss, gold)) {
                    continue;
                }
                made++;
                if (grader.equal(miss, gold)) {
                    if (known.contains(miss + "\t" + gold)) {
                        knownEqual++;
                    } else {
                        failures.add(miss + "\t" + gold);
                    }
                }
            }
        }
        System.out.printf("near misses: %d made, %d equal and known, %d wrongly equal; %d ms%n",
                made, knownEqual, failures.size(), (System.nanoTime() - started) / 1_000_000);
        assertTrue(failures.isEmpty(), failures.size() + " near misses graded equal, not in equal-gold-pairs.txt:\n" + String.join("\n", failures));
    }

    /** Up to three of each edit, each at a random place: a digit changed, a + made - and back, a bracket swapped. */
    static List<String> nearMisses(String gold, Random random) {
        List<String> out = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            nearMiss(gold, random, out);
        }
        return out.stream().distinct().toList();
    }

    private static void nearMiss(String gold, Random random, List<String> out) {
        edit(gold, random, "0123456789", c -> (char) ('0' + (c - '0' + 1 + random.nextInt(9)) % 10)).ifPresent(out::add);
        edit(gold, random, "+-", c -> c == '+' ? '-' : '+').ifPresent(out::add);
        edit(gold, random, "()[]", c -> switch (c) {
            case '(' -> '[';
            case '[' -> '(';
            case ')' -> ']';
            default -> ')';
        }).ifPresent(out::add);
    }

    private static java.util.Optional<String> edit(String s, Random random, String chars, Function<Character, Character> change) {
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < s.length(); i++) {
            // not an escaped bracket (\{, \[): that changes LaTeX, not the answer
            if (chars.indexOf(s.charAt(i)) >= 0 && (i == 0 || s.charAt(i - 1) != '\\')) {
                at.add(i);
            }
        }
        if (at.isEmpty()) {
            return java.util.Optional.empty();
        }
        int i = at.get(random.nextInt(at.size()));
        return java.util.Optional.of(s.substring(0, i) + change.apply(s.charAt(i)) + s.substring(i + 1));
    }

    private static boolean sameText(String a, String b) {
        return Texts.canonical(LatexNormalizer.normalize(a)).equals(Texts.canonical(LatexNormalizer.normalize(b)));
    }

    /** Pairs (tab-separated, either order) checked by hand to be equal; lines starting with # are comments. */
    private static Set<String> knownEqual() throws IOException {
        Set<String> pairs = new HashSet<>();
        try (InputStream in = WronglyEqualSafeguardTest.class.getResourceAsStream("/equal-gold-pairs.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    pairs.add(line);
                }
            }
        }
        return pairs;
    }

    private static List<String> golds() throws IOException {
        Path dir = DatasetSelfConsistencyTest.datasets();
        List<String> golds = new ArrayList<>();
        read(dir.resolve("math500/test.jsonl"), row -> row.get("answer").asText(), golds);
        read(dir.resolve("olympiadbench/test.jsonl"), row -> row.get("final_answer").get(0).asText(), golds);
        read(dir.resolve("aime24/test.jsonl"), row -> row.get("answer").asText(), golds);
        read(dir.resolve("amc23/test.jsonl"), row -> row.get("answer").asText(), golds);
        assumeTrue(!golds.isEmpty(), "no golds under " + dir + ": skipped");
        return golds;
    }

    private static void read(Path file, Function<JsonNode, String> gold, List<String> into) throws IOException {
        if (!Files.isRegularFile(file)) {
            System.out.println("no " + file + ": its golds are left out");
            return;
        }
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                into.add(gold.apply(JSON.readTree(line)));
            }
        }
    }
}
