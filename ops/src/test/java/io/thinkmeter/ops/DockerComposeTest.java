package io.thinkmeter.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.thinkmeter.contracts.Pool;
import io.thinkmeter.contracts.Topics;
import io.thinkmeter.scheduler.service.SchedulerSettings;
import io.thinkmeter.sink.service.SinkConfig;
import io.thinkmeter.workers.quarkus.WorkerSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import picocli.CommandLine;

import javax.xml.parsers.DocumentBuilderFactory;
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
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The root docker-compose.yml, Dockerfile and ops/prometheus/prometheus.yml, checked by parsing them
 * against the code they start: nothing here runs Docker (the build machines have no daemon).
 */
class DockerComposeTest {

    private static final Pattern QUARKUS_JAR = Pattern.compile("^([A-Za-z0-9._-]+)/target/quarkus-app/quarkus-run\\.jar$");
    private static final String WORKER_JAR = "workers/target/quarkus-app/quarkus-run.jar";
    private static final YAMLMapper YAML = new YAMLMapper();

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
        JsonNode tree = YAML.readTree(composeText);
        services = new LinkedHashMap<>();
        tree.path("services").fields().forEachRemaining(e -> services.put(e.getKey(), e.getValue()));
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

    private static Set<String> dependencies(JsonNode service) {
        JsonNode d = service.path("depends_on");
        Set<String> names = new TreeSet<>();
        if (d.isArray()) {
            d.forEach(n -> names.add(n.asText()));
        } else if (d.isObject()) {
            d.fieldNames().forEachRemaining(names::add);
        }
        return names;
    }

    @Test
    void everyDependencyIsAServiceAndEveryConditionCanBeMet() {
        services.forEach((name, service) -> {
            for (String dependency : dependencies(service)) {
                assertTrue(services.containsKey(dependency), name + " depends on unknown service " + dependency);
                String condition = service.path("depends_on").path(dependency).path("condition").asText("service_started");
                JsonNode target = services.get(dependency);
                switch (condition) {
                    case "service_healthy" -> assertTrue(target.has("healthcheck"),
                            name + " waits for " + dependency + " to be healthy, but it has no healthcheck");
                    case "service_completed_successfully" -> assertEquals("no", target.path("restart").asText("no"),
                            name + " waits for " + dependency + " to complete, but it restarts");
                    case "service_started" -> { }
                    default -> fail(name + ": unknown depends_on condition " + condition);
                }
            }
        });
    }

    @Test
    void shouldRunExactlyOneWorkerPerPool() {
        Map<Pool, List<String>> byPool = new TreeMap<>();
        services.forEach((name, service) -> {
            List<String> args = command(service);
            if (!args.contains(WORKER_JAR)) {
                return;
            }
            List<String> pools = args.stream().filter(a -> a.startsWith("-Dthinkmeter.worker.pool="))
                    .map(a -> a.substring(a.indexOf('=') + 1)).toList();
            assertEquals(1, pools.size(), name + " must name its pool once: " + args);
            byPool.computeIfAbsent(Pool.fromWireName(pools.get(0)), p -> new ArrayList<>()).add(name);
            assertTrue(args.indexOf("-jar") > args.indexOf("-Dthinkmeter.worker.pool=" + pools.get(0)),
                    name + ": system properties must come before -jar");
        });
        assertEquals(Set.of(Pool.values()), byPool.keySet(), "pools served: " + byPool);
        byPool.forEach((pool, names) -> assertEquals(1, names.size(), "workers of " + pool + ": " + names));
    }

    @Test
    void serviceSystemPropertiesAreTheServicesSettings() {
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

    @Test
    void everyWorkerServesTheTldrModelForMethodTldrAndTheModelsAreShipped() {
        services.forEach((name, service) -> {
            List<String> args = command(service);
            if (!args.contains(WORKER_JAR)) {
                return;
            }
            String tldr = args.stream().filter(a -> a.startsWith("-Dthinkmeter.worker.tldr-model-dir=")).findFirst()
                    .map(a -> a.substring(a.indexOf('=') + 1)).orElse(null);
            assertEquals("models/tiny-reasoner-tldr", tldr, name + " serves tldr with the TLDR model");
            assertTrue(Files.isRegularFile(root.resolve(tldr).resolve("reasoner.json")), tldr + " is in the repository");
        });
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    @Test
    void thinkmeterServiceCommandsParse() {
        CommandLine cli = new CommandLine(new ThinkmeterCli());
        Set<String> subcommands = cli.getSubcommands().get("service").getSubcommands().keySet();
        Set<String> used = new TreeSet<>();
        services.forEach((name, service) -> {
            List<String> args = command(service);
            if (args.isEmpty() || !args.get(0).endsWith("thinkmeter")) {
                return;
            }
            List<String> cliArgs = args.subList(1, args.size());
            assertEquals("service", cliArgs.get(0), name + ": " + args);
            assertTrue(subcommands.contains(cliArgs.get(1)),
                    name + ": 'thinkmeter service " + cliArgs.get(1) + "' does not exist; there are " + subcommands);
            used.add(cliArgs.get(1));
            try {
                // Unknown options and missing required ones fail here, as they would in the container.
                new CommandLine(new ThinkmeterCli()).parseArgs(cliArgs.toArray(String[]::new));
            } catch (CommandLine.ParameterException e) {
                fail(name + ": " + e.getMessage());
            }
        });
        assertEquals(Set.of("migrate"), used, "only the one-shot job runs through the command line");
    }

    @Test
    void everyQuarkusJarIsBuiltByAModule() throws Exception {
        Set<String> modules = modules(root.resolve("pom.xml"));
        Set<String> jars = new TreeSet<>();
        for (Map.Entry<String, JsonNode> e : services.entrySet()) {
            for (String arg : command(e.getValue())) {
                if (!arg.endsWith(".jar")) {
                    continue;
                }
                Matcher m = QUARKUS_JAR.matcher(arg);
                assertTrue(m.matches(), e.getKey() + ": " + arg + " is not MODULE/target/quarkus-app/quarkus-run.jar");
                String module = m.group(1);
                assertTrue(modules.contains(module), e.getKey() + ": " + module + " is not a module of the root pom");
                assertTrue(buildsQuarkusApp(root.resolve(module).resolve("pom.xml")),
                        e.getKey() + ": " + module + "/pom.xml does not run quarkus-maven-plugin's build goal");
                jars.add(arg);
            }
        }
        assertEquals(Set.of("ingest/target/quarkus-app/quarkus-run.jar", WORKER_JAR,
                "scheduler/target/quarkus-app/quarkus-run.jar", "sink/target/quarkus-app/quarkus-run.jar"), jars);
    }

    private static Set<String> modules(Path pom) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        NodeList list = doc.getElementsByTagName("module");
        Set<String> modules = new TreeSet<>();
        for (int i = 0; i < list.getLength(); i++) {
            modules.add(list.item(i).getTextContent().trim());
        }
        return modules;
    }

    private static boolean buildsQuarkusApp(Path pom) throws Exception {
        if (!Files.isRegularFile(pom)) {
            return false;
        }
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        NodeList plugins = doc.getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            if (!"quarkus-maven-plugin".equals(text(plugin, "artifactId"))) {
                continue;
            }
            NodeList goals = plugin.getElementsByTagName("goal");
            for (int g = 0; g < goals.getLength(); g++) {
                if ("build".equals(goals.item(g).getTextContent().trim())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String text(Element parent, String child) {
        NodeList nodes = parent.getElementsByTagName(child);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
    }

    @Test
    void prometheusScrapesTheQuarkusServices() throws IOException {
        JsonNode prometheus = services.get("prometheus");
        assertTrue(prometheus != null && prometheus.path("image").asText().startsWith("prom/prometheus"),
                "a prom/prometheus service");
        List<String> mounts = new ArrayList<>();
        prometheus.path("volumes").forEach(v -> mounts.add(v.asText()));
        assertTrue(mounts.contains("./ops/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro"), "mounts: " + mounts);

        JsonNode config = YAML.readTree(root.resolve("ops/prometheus/prometheus.yml").toFile());
        Set<String> scraped = new TreeSet<>();
        for (JsonNode job : config.path("scrape_configs")) {
            assertEquals("/q/metrics", job.path("metrics_path").asText(), job.path("job_name").asText());
            for (JsonNode staticConfig : job.path("static_configs")) {
                for (JsonNode target : staticConfig.path("targets")) {
                    String host = target.asText().substring(0, target.asText().lastIndexOf(':'));
                    assertTrue(services.containsKey(host), "prometheus scrapes " + target.asText() + ": not a service");
                    scraped.add(host);
                }
            }
        }
        Set<String> quarkusServices = services.entrySet().stream()
                .filter(e -> command(e.getValue()).stream().anyMatch(a -> QUARKUS_JAR.matcher(a).matches()))
                .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of("ingest", "scheduler", "sink", "worker-short", "worker-medium", "worker-long"), quarkusServices);
        assertEquals(quarkusServices, scraped, "every Quarkus service, and only those, is scraped");
    }

    @Test
    void shouldPinKafka411InKraftModeAndPostgres17() {
        assertEquals("apache/kafka:4.1.1", services.get("kafka").path("image").asText());
        assertEquals("postgres:17", services.get("postgres").path("image").asText());
        services.forEach((name, service) -> {
            String image = service.path("image").asText("");
            if (image.startsWith("apache/kafka")) {
                assertEquals("apache/kafka:4.1.1", image, name);
            }
            if (image.startsWith("postgres")) {
                assertEquals("postgres:17", image, name);
            }
        });
        JsonNode env = services.get("kafka").path("environment");
        assertEquals("broker,controller", env.path("KAFKA_PROCESS_ROLES").asText(), "one KRaft node, broker and controller");
        assertTrue(env.path("KAFKA_CONTROLLER_QUORUM_VOTERS").asText().startsWith(env.path("KAFKA_NODE_ID").asText() + "@"),
                "the node is its own controller quorum");
        assertEquals("1", env.path("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR").asText(),
                "the scheduler's exactly-once needs a transaction log one broker can hold");
    }

    @Test
    void topicsServiceCreatesEveryTopic() {
        JsonNode topics = services.get("topics");
        assertEquals("apache/kafka:4.1.1", topics.path("image").asText());
        assertEquals("no", topics.path("restart").asText());
        String script = String.join(" ", command(topics));
        Set<String> named = new TreeSet<>();
        Matcher m = Pattern.compile("(?<![\\w.-])thinkmeter\\.[\\w.-]+").matcher(script);
        while (m.find()) {
            named.add(m.group());
        }
        assertEquals(new TreeSet<>(Topics.all()), named, "the topics service creates exactly contracts' Topics.all()");
        assertTrue(script.contains("kafka-topics.sh --bootstrap-server kafka:9092 --create --if-not-exists"), script);
    }

    @Test
    void tensorRtWorkerIsACommentedOutGpuReservation() throws IOException {
        services.forEach((name, service) -> assertFalse(service.has("deploy"),
                name + ": the default stack runs on CPU; GPU reservations stay commented out"));
        // The commented block under worker-long, uncommented, must be a valid reservation of one NVIDIA GPU.
        List<String> lines = composeText.lines().toList();
        int start = lines.indexOf("    # deploy:");
        assertTrue(start > lines.indexOf("  worker-long:"), "worker-long carries the commented GPU reservation");
        StringBuilder block = new StringBuilder();
        for (int i = start; i < lines.size() && lines.get(i).startsWith("    #"); i++) {
            block.append(lines.get(i).replaceFirst("^    # ?", "")).append('\n');
        }
        JsonNode device = YAML.readTree(block.toString()).path("deploy").path("resources").path("reservations")
                .path("devices").path(0);
        assertEquals("nvidia", device.path("driver").asText());
        assertEquals(1, device.path("count").asInt());
        assertEquals("[\"gpu\"]", device.path("capabilities").toString());
        assertTrue(composeText.contains("      # - -Dthinkmeter.worker.runtime=tensorrt\n"),
                "the TensorRT runtime flag, commented, in worker-long's command");
        assertTrue(Arrays.stream(WorkerSettings.ModelRuntime.values()).anyMatch(r -> r.providerName().equals("tensorrt")));
    }

    @Test
    void dockerfileBuildsWithMavenAndShipsModelsAndLauncher() throws Exception {
        Path dockerfile = root.resolve("Dockerfile");
        assertTrue(Files.isRegularFile(dockerfile), "no Dockerfile at " + dockerfile);
        List<String> instructions = Files.readAllLines(dockerfile).stream().map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        List<String> froms = instructions.stream().filter(l -> l.startsWith("FROM ")).toList();
        assertEquals(2, froms.size(), "a build stage and a runtime stage: " + froms);
        assertTrue(froms.get(0).matches("FROM maven:\\S*(temurin|jdk)-?17\\S* AS build"), froms.get(0));
        assertTrue(froms.get(1).matches("FROM \\S+:17-jre\\S*"), froms.get(1));
        assertTrue(instructions.stream().anyMatch(l -> l.startsWith("RUN") && l.contains("mvn -B -DskipTests package")));
        List<String> copies = instructions.stream().filter(l -> l.startsWith("COPY ")).toList();
        assertTrue(copies.contains("COPY models/ models/"), "the runtime image carries models/: " + copies);
        assertTrue(copies.contains("COPY thinkmeter ./thinkmeter"), "and the launcher: " + copies);
        // Every jar docker-compose starts, and the command line the launcher runs, come from the build stage.
        for (String path : List.of("ingest/target/quarkus-app/", "workers/target/quarkus-app/",
                "scheduler/target/quarkus-app/", "sink/target/quarkus-app/", "ops/target/lib/",
                "ops/target/thinkmeter-ops-0.1.0-SNAPSHOT.jar")) {
            assertTrue(copies.stream().anyMatch(c -> c.startsWith("COPY --from=build /build/" + path)),
                    "the runtime image lacks " + path + ": " + copies);
        }
        // The build stage has every module the root pom builds (a module left out fails the image's build).
        for (String module : modules(root.resolve("pom.xml"))) {
            String top = module.contains("/") ? module.substring(0, module.indexOf('/')) : module;
            assertTrue(copies.contains("COPY " + top + "/ " + top + "/"), "the build stage lacks module " + module);
        }
        assertTrue(Files.readString(root.resolve("thinkmeter")).contains("ops/target/thinkmeter-ops-0.1.0-SNAPSHOT.jar"),
                "the launcher's jar is the one the image copies");
    }
}
