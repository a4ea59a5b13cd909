using System.CommandLine;
using Provisioning.Cli.Commands;

namespace Provisioning.Cli;

/// <summary>
/// The whole command line as the program runs it: every command under one root, and the exit code of a usage error.
/// Tests invoke this, not a copy of the command list, so what they prove is what `dotnet run` does.
/// </summary>
internal static class CliApplication
{
    /// <summary>The root command (<c>generate</c> is its default action) with every subcommand.</summary>
    public static RootCommand CreateRoot()
    {
        // `dotnet run --project src/Cli` with no command regenerates every environment:
        // that is the one thing people run most, so it needs no arguments.
        var root = GenerateCommand.CreateRoot();
        root.Subcommands.Add(GenerateCommand.Create());
        root.Subcommands.Add(VerifyDatabaseCommand.Create());
        root.Subcommands.Add(ProbeCommand.Create());
        root.Subcommands.Add(LocalCommand.Create());
        root.Subcommands.Add(PlanCommand.Create());
        root.Subcommands.Add(DiffCommand.Create());
        root.Subcommands.Add(EstimateCommand.Create());
        root.Subcommands.Add(SecretsCommand.Create());
        root.Subcommands.Add(VerifyDeploymentCommand.Create());
        root.Subcommands.Add(DeployCommand.Create());
        root.Subcommands.Add(TeardownCommand.Create());
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; a usage error exits <see cref="ExitCodes.InvalidInput"/>.</summary>
    public static int Invoke(string[] args, InvocationConfiguration? configuration = null)
    {
        var parse = CreateRoot().Parse(args);
        return UsageExitCode(parse, parse.Invoke(configuration ?? new InvocationConfiguration()));
    }

    /// <inheritdoc cref="Invoke"/>
    public static async Task<int> InvokeAsync(string[] args)
    {
        var parse = CreateRoot().Parse(args);
        var code = await parse.InvokeAsync().ConfigureAwait(false);
        return UsageExitCode(parse, code);
    }

    // System.CommandLine prints the parse errors and help and returns 1, the code this tool gives a check that found a
    // problem (drift in `generate --check`): a typo in a pipeline must not read as drift, so a usage error is 2.
    private static int UsageExitCode(ParseResult parse, int code) => parse.Errors.Count > 0 ? ExitCodes.InvalidInput : code;
}
