package io.thinkmeter.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.thinkmeter.contracts.Topics;
import io.thinkmeter.scheduler.service.SchedulerSettings;
import io.thinkmeter.sink.service.SinkConfig;
import io.thinkmeter.workers.quarkus.WorkerSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a run of docker-compose.yml cannot show (ops/it's ComposeIT runs it: images, build, health, a batch,
 * the ledger, Prometheus's targets): every topic of the contracts is created, not only those the run
 * touches; no port is published beyond 127.0.0.1; Kafka advertises the host port it is published on; the
 * GPU worker, which is never run here, starts only under its profile and with settings the worker knows;
 * the images are the standard names that ops/docker/local-images.sh stands in for.
 */
class DockerComposeTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Pattern PUBLISHED = Pattern.compile("^127\\.0\\.0\\.1:\\$\\{(THINKMETER_[A-Z_]+_PORT):-(\\d+)}:(\\d+)$");

    private static Path root;
    private static String composeText;
    private static Map<String, JsonNode> services;

    @BeforeAll
    static void load() throws IOException {
        // Surefire runs in the module directory and names it in "basedir"; the files are one level up.
        root = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("..").normalize();
        Path compose = root.resolve("docker-compose.yml");
        assertTrue(Files.isRegularFile(compose), "no docker-compose.yml at " + compose);
        composeText = Files.readString(compose);
        services = new LinkedHashMap<>();
        YAML.readTree(composeText).path("services").fields().forEachRemaining(e -> services.put(e.getKey(), e.getValue()));
        assertFalse(services.isEmpty(), "docker-compose.yml has no services");
        // Jackson does not resolve YAML merge keys: a "<<" would hide a service's settings from these checks.
        assertFalse(composeText.contains("<<:"), "docker-compose.yml must not use YAML merge keys");
    }

    /** A service's command as arguments: the exec form as is, the shell form split on white space. */
    private static List<String> command(JsonNode service) {
        JsonNode c = service.path("command");
        List<String> args = new ArrayList<>();
        if (c.isArray()) {
            c.forEach(a -> args.add(a.asText()));
        } else if (c.isTextual()) {
            args.addAll(Arrays.asList(c.asText().trim().split("\\s+")));
        }
        return args;
    }

    private static List<String> profiles(JsonNode service) {
        List<String> profiles = new ArrayList<>();
        service.path("profiles").forEach(p -> profiles.add(p.asText()));
        return profiles;
    }

    @Test
    void topicsServiceCreatesEveryTopicOfTheContracts() {
        JsonNode topics = services.get("topics");
        assertEquals("no", topics.path("restart").asText());
        String script = String.join(" ", command(topics));
        Set<String> named = new TreeSet<>();
        Matcher m = Pattern.compile("(?<![\\w.-])thinkmeter\\.[\\w.-]+").matcher(script);
        while (m.find()) {
            named.add(m.group());
        }
        assertEquals(new TreeSet<>(Topics.all()), named, "the topics service creates exactly contracts' Topics.all()");
    }

    @Test
    void everyPortIsPublishedOnLoopbackOnlyOnAHostPortTheEnvironmentCanChoose() {
        Set<String> variables = new TreeSet<>();
        services.forEach((name, service) -> service.path("ports").forEach(port -> {
            Matcher m = PUBLISHED.matcher(port.asText());
            assertTrue(m.matches(), name + ": " + port.asText() + " is not 127.0.0.1:${THINKMETER_..._PORT:-N}:N");
            assertTrue(variables.add(m.group(1)), name + ": " + m.group(1) + " publishes two ports");
        }));
        assertEquals(Set.of("THINKMETER_INGEST_PORT", "THINKMETER_KAFKA_PORT", "THINKMETER_POSTGRES_PORT",
                "THINKMETER_PROMETHEUS_PORT"), variables);
    }

    @Test
    void kafkaAdvertisesTheHostPortItIsPublishedOn() {
        JsonNode kafka = services.get("kafka");
        Matcher published = PUBLISHED.matcher(kafka.path("ports").path(0).asText());
        assertTrue(published.matches(), kafka.path("ports").toString());
        String advertised = kafka.path("environment").path("KAFKA_ADVERTISED_LISTENERS").asText();
        assertTrue(advertised.contains("PLAINTEXT_HOST://localhost:${" + published.group(1) + ":-" + published.group(2) + "}"),
                "a client on the host is sent to the published port: " + advertised);
        assertTrue(kafka.path("environment").path("KAFKA_LISTENERS").asText().contains("PLAINTEXT_HOST://:" + published.group(3)),
                "the published container port is the host listener's");
    }

    @Test
    void prometheusScrapesOnlyComposeServices() throws IOException {
        JsonNode config = YAML.readTree(root.resolve("ops/prometheus/prometheus.yml").toFile());
        for (JsonNode job : config.path("scrape_configs")) {
            for (JsonNode staticConfig : job.path("static_configs")) {
                for (JsonNode target : staticConfig.path("targets")) {
                    String host = target.asText().substring(0, target.asText().lastIndexOf(':'));
                    assertTrue(services.containsKey(host), "prometheus scrapes " + target.asText() + ": not a service");
                    assertTrue(profiles(services.get(host)).isEmpty(),
                            "prometheus scrapes " + host + ", which runs only under a profile: it would be down");
                }
            }
        }
    }

    @Test
    void theImagesAreTheStandardNamesTheStandInsReplace() throws IOException {
        String localImages = Files.readString(root.resolve("ops/docker/local-images.sh"));
        // an image is built by one service (compose would otherwise build it once per service) or pulled
        Map<String, String> builtBy = new LinkedHashMap<>();
        services.forEach((name, service) -> {
            if (service.has("build")) {
                String other = builtBy.put(service.path("image").asText(""), name);
                assertEquals(null, other, service.path("image").asText() + " is built by " + other + " and " + name);
            }
        });
        Set<String> external = services.values().stream().map(service -> service.path("image").asText(""))
                .filter(image -> !builtBy.containsKey(image)).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of("apache/kafka:4.1.1", "postgres:17"), external.stream()
                .filter(i -> !i.startsWith("prom/prometheus:")).collect(Collectors.toSet()), "pulled images: " + external);
        for (String image : List.of("apache/kafka:4.1.1", "postgres:17", "eclipse-temurin:17-jre")) {
            assertTrue(localImages.contains("=" + image + "\n"), "local-images.sh stands in for " + image);
        }
        assertTrue(Files.readString(root.resolve("Dockerfile")).contains("ARG BASE_IMAGE=eclipse-temurin:17-jre\n"),
                "the service image's base is the JRE image local-images.sh stands in for");
    }

    /** The GPU worker is never run here: only this test looks at it. */
    @Test
    void theGpuWorkerRunsOnlyUnderItsProfileWithSettingsTheWorkerKnows() throws Exception {
        List<String> gpuServices = new ArrayList<>();
        services.forEach((name, service) -> {
            boolean reservesGpu = service.path("deploy").path("resources").path("reservations").path("devices")
                    .findValuesAsText("driver").contains("nvidia");
            boolean tensorRt = command(service).contains("-Dthinkmeter.worker.runtime=tensorrt");
            if (reservesGpu || tensorRt || profiles(service).contains("gpu")) {
                assertTrue(reservesGpu && tensorRt, name + ": a GPU reservation and the TensorRT runtime go together");
                assertEquals(List.of("gpu"), profiles(service), name + " starts only with --profile gpu");
                gpuServices.add(name);
            }
        });
        assertEquals(List.of("worker-long-gpu"), gpuServices);
        JsonNode gpu = services.get("worker-long-gpu");
        assertEquals("ops/docker/gpu/Dockerfile", gpu.path("build").path("dockerfile").asText());
        assertTrue(command(gpu).contains("-Dthinkmeter.worker.pool=long"), command(gpu).toString());
        assertTrue(Arrays.stream(WorkerSettings.ModelRuntime.values()).anyMatch(r -> r.providerName().equals("tensorrt")));

        // the GPU image swaps the workers' ONNX Runtime jar for onnxruntime_gpu of the same version
        String dockerfile = Files.readString(root.resolve("ops/docker/gpu/Dockerfile"));
        Matcher version = Pattern.compile("ARG ORT_VERSION=(\\S+)").matcher(dockerfile);
        assertTrue(version.find(), "ops/docker/gpu/Dockerfile names ORT_VERSION");
        String jar = Path.of(Class.forName("ai.onnxruntime.OrtEnvironment", false, getClass().getClassLoader())
                .getProtectionDomain().getCodeSource().getLocation().toURI()).getFileName().toString();
        assertEquals("onnxruntime-" + version.group(1) + ".jar", jar, "the CPU ONNX Runtime the workers run");
    }

    @Test
    void serviceSystemPropertiesAreTheServicesSettings() {
        // the run starts every service but the GPU worker: its settings are checked only here
        Map<String, Class<?>> mappings = Map.of("thinkmeter.worker.", WorkerSettings.class,
                "thinkmeter.scheduler.", SchedulerSettings.class, "thinkmeter.sink.", SinkConfig.class);
        mappings.forEach((prefix, mapping) -> {
            Set<String> keys = Arrays.stream(mapping.getDeclaredMethods())
                    .map(Method::getName).map(DockerComposeTest::kebab).collect(Collectors.toSet());
            services.forEach((name, service) -> command(service).stream()
                    .filter(a -> a.startsWith("-D" + prefix))
                    .map(a -> a.substring(("-D" + prefix).length(), a.indexOf('=')))
                    .forEach(key -> assertTrue(keys.contains(key), name + ": unknown setting " + prefix + key + " " + keys)));
        });
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
