package io.thinkmeter.ops;

import io.thinkmeter.testkit.ParentWatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code thinkmeter} command line; each subcommand is one class. */
@Command(name = "thinkmeter", mixinStandardHelpOptions = true, version = "thinkmeter 0.1.0",
        description = "Runs small reasoning models with a hard grip on token spend.",
        subcommands = {DemoCommand.class, UpCommand.class, SubmitCommand.class, StatusCommand.class, ReportCommand.class,
                EvalCommand.class, CalibrateCommand.class, GradeCommand.class,
                DecodeCommand.class, BenchCommand.class, ServiceCommand.class})
public final class ThinkmeterCli implements Runnable {

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    public static void main(String[] args) {
        ParentWatch.start();
        CommandLine cli = new CommandLine(new ThinkmeterCli());
        // a stack that is not up, a refused connection, an unreadable file: one line, not a stack trace
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            if (!(e instanceof java.io.IOException)) {
                throw e;
            }
            line.getErr().println("thinkmeter: " + e.getMessage());
            return 1;
        });
        System.exit(cli.execute(args));
    }
}
