package io.thinkmeter.it.servers;

import com.github.dockerjava.api.exception.NotFoundException;
import io.thinkmeter.ops.platform.Servers;
import org.testcontainers.DockerClientFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which servers an end-to-end test runs against, from {@code -Dthinkmeter.it.servers}:
 * <ul>
 *   <li>{@code embedded}: child processes from the class path (as the {@code thinkmeter} command runs them);</li>
 *   <li>{@code containers}: the official images through Testcontainers; fails, saying why, when that cannot run;</li>
 *   <li>{@code auto} (the default): containers when a Docker daemon answers and the images are there or can be
 *       pulled, embedded otherwise; where {@link DockerRequirement#ENV} is set, containers or a failure.</li>
 * </ul>
 * The choice and its reason are printed as one line, so a log shows plainly when the container mode was skipped.
 */
public final class ServersMode {

    public static final String PROPERTY = "thinkmeter.it.servers";
    private static final List<String> IMAGES = List.of(KafkaContainerServer.IMAGE, PostgresContainerServer.IMAGE);
    /** Where a missing official image would come from; no answer in a few seconds means no pull. */
    private static final InetSocketAddress DOCKER_HUB = InetSocketAddress.createUnresolved("registry-1.docker.io", 443);

    private ServersMode() {}

    /** The servers for one platform (containers get a network of their own each time). */
    public static Servers choose() {
        String mode = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        switch (mode) {
            case "embedded" -> {
                say("embedded (" + PROPERTY + "=embedded)");
                return Servers.embedded();
            }
            case "containers" -> {
                String unable = whyContainersCannotRun();
                if (unable != null) {
                    throw new IllegalStateException(PROPERTY + "=containers, but " + unable
                            + "; run with -D" + PROPERTY + "=embedded or auto");
                }
                say("containers (" + PROPERTY + "=containers; " + String.join(", ", IMAGES) + ")");
                return new ContainerServers();
            }
            case "", "auto" -> {
                String unable = whyContainersCannotRun();
                if (unable != null && DockerRequirement.required()) {
                    throw new IllegalStateException(DockerRequirement.ENV + " is set (Docker was set up for this run), but "
                            + unable);
                }
                if (unable != null) {
                    say("embedded (" + unable + ")");
                    return Servers.embedded();
                }
                say("containers (a Docker daemon answers; " + String.join(", ", IMAGES) + ")");
                return new ContainerServers();
            }
            default -> throw new IllegalArgumentException(PROPERTY + " is embedded, containers or auto; was '" + mode + "'");
        }
    }

    /** Null when containers can run here, else the reason, in words. */
    private static String whyContainersCannotRun() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            return "no Docker daemon answers";
        }
        List<String> missing = new ArrayList<>();
        for (String image : IMAGES) {
            try {
                DockerClientFactory.instance().client().inspectImageCmd(image).exec();
            } catch (NotFoundException e) {
                missing.add(image);
            }
        }
        if (!missing.isEmpty() && !dockerHubAnswers()) {
            return "a Docker daemon answers, but " + String.join(" and ", missing)
                    + (missing.size() == 1 ? " is" : " are") + " not there and Docker Hub does not answer to pull " + (missing.size() == 1 ? "it" : "them");
        }
        return null;
    }

    private static boolean dockerHubAnswers() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(DOCKER_HUB.getHostString(), DOCKER_HUB.getPort()), 3000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void say(String choice) {
        System.out.println("servers: " + choice);
    }
}
