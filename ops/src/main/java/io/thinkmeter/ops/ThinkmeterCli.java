package io.thinkmeter.ops;

import io.thinkmeter.testkit.ParentWatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code thinkmeter} command line; each subcommand is one class.
 *
 * <p>Errors follow one convention ({@link #commandLine()}): one line on stderr, "thinkmeter COMMAND:
 * what is wrong", naming the input; exit code 2 for bad usage (an option, argument or request
 * parameter that cannot be right: picocli's usage error code), 1 for a run that failed (a missing or
 * corrupt file, a model that cannot load, a server that does not answer); the stack trace only with
 * {@code --verbose}.
 */
@Command(name = "thinkmeter", mixinStandardHelpOptions = true, version = "thinkmeter 0.1.0",
        description = "Runs small reasoning models with a hard grip on token spend.",
        subcommands = {DemoCommand.class, UpCommand.class, SubmitCommand.class, StatusCommand.class, ReportCommand.class,
                EvalCommand.class, CalibrateCommand.class, GradeCommand.class,
                DecodeCommand.class, BenchCommand.class, ServiceCommand.class, AuditCommand.class, UsageCommand.class})
public final class ThinkmeterCli implements Runnable {

    static final String VERBOSE = "--verbose";

    @Option(names = VERBOSE, scope = ScopeType.INHERIT,
            description = "on an error, print its stack trace too (before or after the command name)")
    boolean verbose;

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    /** The command line with the error convention installed; what {@link #main} runs, and what tests run. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new ThinkmeterCli());
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println(CliErrors.usageLine(failed, e));
            // the parse stopped at the error, so look for the option in what was typed
            if (java.util.Arrays.asList(args).contains(VERBOSE)) {
                e.printStackTrace(failed.getErr());
            }
            failed.getErr().flush();
            return failed.getCommandSpec().exitCodeOnInvalidInput();
        });
        cli.setExecutionExceptionHandler((e, failed, parsed) -> {
            failed.getErr().println(CliErrors.failureLine(failed, e));
            if (verbose(parsed)) {
                e.printStackTrace(failed.getErr());
            }
            failed.getErr().flush();
            return failed.getCommandSpec().exitCodeOnExecutionException();
        });
        return cli;
    }

    /** Whether {@code --verbose} was given to the command or any of its subcommands. */
    private static boolean verbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(VERBOSE)) {
                return true;
            }
        }
        return false;
    }

    public static void main(String[] args) {
        ParentWatch.start();
        System.exit(commandLine().execute(args));
    }
}
