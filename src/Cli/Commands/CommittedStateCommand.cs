using System.CommandLine;

namespace Provisioning.Cli.Commands;

/// <summary>What a command that compares environments with the committed states reads: where, and how to write.</summary>
internal sealed record CommittedStateInputs(TextWriter Output, TextWriter Error, string EnvironmentDirectory, string GeneratedDirectory, bool Json);

/// <summary>
/// The shape <c>plan</c> and <c>diff</c> share: <c>--env-dir</c>, <c>--generated</c> and <c>--json</c> declared, added
/// and read in one place, so the two commands differ only in what they compare.
/// </summary>
internal sealed class CommittedStateCommand
{
    private readonly Option<DirectoryInfo> envDir = CliOptions.EnvDir();
    private readonly Option<DirectoryInfo> generated;
    private readonly Option<bool> json;

    public CommittedStateCommand(string jsonDescription, string? generatedDescription = null)
    {
        generated = generatedDescription is null ? CliOptions.Generated() : CliOptions.Generated(generatedDescription);
        json = new("--json") { Description = jsonDescription };
    }

    /// <param name="symbols">The command's own arguments and options, added before the shared ones.</param>
    public Command Create(string name, string description, Func<ParseResult, CommittedStateInputs, int> run, params Symbol[] symbols)
    {
        ArgumentNullException.ThrowIfNull(run);
        var command = new Command(name, description);
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Argument argument:
                    command.Arguments.Add(argument);
                    break;
                case Option option:
                    command.Options.Add(option);
                    break;
            }
        }
        command.Options.Add(envDir);
        command.Options.Add(generated);
        command.Options.Add(json);
        command.SetAction(parse => run(parse, new CommittedStateInputs(
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error,
            parse.EnvironmentDirectory(envDir),
            parse.GeneratedDirectory(generated),
            parse.GetValue(json))));
        return command;
    }
}
