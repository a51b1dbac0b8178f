package io.thinkmeter.testkit;

import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Runs another class's {@code main} (Kafka's broker, whose code is not ours) with a {@link ParentWatch},
 * so it ends with the process that started it: {@code WatchedMain kafka.Kafka server.properties}.
 */
public final class WatchedMain {

    private WatchedMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: WatchedMain MAIN-CLASS [ARGS...]");
            System.exit(2);
        }
        ParentWatch.start();
        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    }
}
