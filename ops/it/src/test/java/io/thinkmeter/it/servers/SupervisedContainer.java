package io.thinkmeter.it.servers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotModifiedException;
import io.thinkmeter.ops.platform.Supervised;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

import java.time.Duration;
import java.util.List;

/**
 * One container under the platform's supervisor, behaving as the embedded server it stands for: a kill is
 * a real SIGKILL of the container ({@code docker kill}), and the restart that follows starts the same
 * container again ({@code docker start}), so it comes back with its filesystem (its data) and on the same
 * fixed host port, where the services reconnect. Testcontainers' own {@code start()} would make a new container.
 */
abstract class SupervisedContainer<C extends GenericContainer<?>> implements Supervised {

    private static final Duration RESTART_TIMEOUT = Duration.ofSeconds(90);

    private final String name;
    protected final C container;
    protected final int hostPort;
    private volatile String id;

    /**
     * @param hostPort the host port {@code containerPort} is published on, at every start: chosen free by
     *                 the test, so a restarted server answers where its clients already connect
     */
    SupervisedContainer(String name, C container, int hostPort, int containerPort) {
        this.name = name;
        this.container = container;
        this.hostPort = hostPort;
        container.setPortBindings(List.of(hostPort + ":" + containerPort));
    }

    @Override
    public String name() {
        return name;
    }

    /** The first start creates the container (pulling its image if absent); later ones start it again. */
    @Override
    public void start() throws Exception {
        if (id == null) {
            container.start(); // waits for the image's own readiness (Testcontainers' wait strategy)
            id = container.getContainerId();
        } else {
            try {
                docker().startContainerCmd(id).exec();
            } catch (NotModifiedException running) {
                // already running: nothing to start
            }
            awaitAnswer();
        }
        prepare();
    }

    /** Whether the server answers its clients now. */
    abstract boolean answers();

    /** Makes sure of what the platform needs on the server (topics, roles, schema); harmless when there. */
    abstract void prepare() throws Exception;

    private void awaitAnswer() throws InterruptedException {
        long deadline = System.nanoTime() + RESTART_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!isAlive()) {
                throw new IllegalStateException(name + "'s container stopped while starting again (" + exit() + "):\n"
                        + tail());
            }
            if (answers()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + "'s container did not answer within " + RESTART_TIMEOUT.toSeconds()
                + " s of starting again:\n" + tail());
    }

    private String tail() {
        String logs = container.getLogs();
        return logs.substring(Math.max(0, logs.length() - 3000));
    }

    @Override
    public boolean isAlive() {
        InspectContainerResponse.ContainerState state = state();
        return state != null && Boolean.TRUE.equals(state.getRunning());
    }

    @Override
    public long pid() {
        InspectContainerResponse.ContainerState state = state();
        return state != null && Boolean.TRUE.equals(state.getRunning()) && state.getPidLong() != null
                ? state.getPidLong() : -1;
    }

    @Override
    public String exit() {
        InspectContainerResponse.ContainerState state = state();
        if (state == null) {
            return "no container";
        }
        if (Boolean.TRUE.equals(state.getRunning())) {
            return "running";
        }
        return "container " + shortId() + " exited with " + state.getExitCodeLong()
                + (Boolean.TRUE.equals(state.getOOMKilled()) ? " (out of memory)" : "");
    }

    /** Stops and removes the container and its volumes: nothing of it is left behind. */
    @Override
    public void stop() {
        container.stop();
    }

    /** SIGKILL to the container's processes, as a crash would ({@code docker kill}). */
    @Override
    public void kill() {
        String current = id;
        if (current != null) {
            docker().killContainerCmd(current).exec();
        }
    }

    /** Null before the first start and after the container is gone. */
    private InspectContainerResponse.ContainerState state() {
        String current = id;
        if (current == null) {
            return null;
        }
        try {
            return docker().inspectContainerCmd(current).exec().getState();
        } catch (RuntimeException e) {
            return null; // removed, or the daemon did not answer: not alive either way
        }
    }

    private String shortId() {
        return id.substring(0, Math.min(12, id.length()));
    }

    private static DockerClient docker() {
        return DockerClientFactory.instance().client();
    }
}
