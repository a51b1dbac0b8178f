package io.thinkmeter.ops;

import io.thinkmeter.ops.embedded.ParentWatch;
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
        System.exit(new CommandLine(new ThinkmeterCli()).execute(args));
    }
}
