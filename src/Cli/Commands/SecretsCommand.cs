using System.CommandLine;
using Provisioning.Environments.Configuration;
using Provisioning.Environments.Model;
using Provisioning.Secrets;

namespace Provisioning.Cli.Commands;

/// <summary>
/// <c>secrets</c>: prints strong values for every secure parameter of an environment, read from the system model
/// (<see cref="SystemDescription.SecureParametersFor"/>), but only with <c>--show</c>: a value on a screen or in a
/// scrollback is a leaked value. It only ever writes to standard output: no file, no environment, no Key Vault.
/// <c>secrets init</c> (<see cref="SecretsInitCommand"/>) is what fills an environment's vault.
/// </summary>
internal static class SecretsCommand
{
    /// <summary>Symbols allowed in generated passwords (<see cref="SecretValues.Symbols"/>).</summary>
    internal const string Symbols = SecretValues.Symbols;

    /// <summary>Random bytes behind a generated JWT key (base64-encoded: 64 characters).</summary>
    internal const int JwtKeyBytes = SecretValues.JwtKeyBytes;

    /// <summary>Length of generated PostgreSQL passwords (within the parameters' 16–128 and Azure's 8–128).</summary>
    internal const int PasswordLength = SecretValues.PasswordLength;

    /// <summary>Whether standard output is a terminal; tests replace it to see the warning a person would.</summary>
    internal static Func<bool> IsTerminal { get; set; } = () => !Console.IsOutputRedirected;

    private static readonly Option<string> EnvironmentOption = CliOptions.Environment("The environment (env/<name>.json) whose secure parameters to print.", "dev");

    private static readonly Option<string> FormatOption = new("--format")
    {
        Description = "export: `export NAME='value'` lines for a shell (default). azd: `azd env set NAME 'value' --environment <env>` lines (see below).",
        DefaultValueFactory = _ => "export",
    };

    private static readonly Option<bool> IncludeOptionalOption = new("--include-optional")
    {
        Description = "Also print optional parameters (JWT_SECRET_KEY_PREVIOUS), for a local run that plays a key rotation; `secrets rotate jwt` writes it for an environment.",
    };

    private static readonly Option<bool> ShowOption = new("--show")
    {
        Description = "Print the values. Without it each line is the one --show would print, commented out with its value hidden (***), so nothing secret reaches the screen or a log; " +
            "on a terminal --show also warns on standard error.",
    };

    private static readonly Option<DirectoryInfo> EnvDirOption = CliOptions.EnvDir();

    public static Command Create()
    {
        var command = new Command("secrets",
            "Prints fresh strong values for every secure parameter of an environment, with --show only: JWT_SECRET_KEY (48 random bytes, base64) " +
            $"and the PostgreSQL passwords ({PasswordLength} characters of upper, lower, digits and symbols, never containing the role's login; " +
            "Azure requires 8-128 characters from three of those four classes). Without --show every line hides its value (***). Values that cannot be " +
            "generated (OPENAI_API_KEY) are listed as comments. The values go to standard output only: nothing is written to a file, the environment or Key Vault.\n" +
            "No deployment reads these variables any more: `secrets init -e <env> --resource-group <rg>` creates the environment's secrets in its Key Vault, " +
            "only those that do not exist yet, and the templates read them there. Use this printer for a local run or to hand a value to a rotation.\n" +
            "Formats: --format export prints `export NAME='value'`; --format azd prints `azd env set NAME 'value' --environment <env>` (always naming the environment, " +
            "so piping it to sh never writes to whichever azd environment is selected); `azd env set` stores the value in plain text in .azure/<env>/.env (git-ignored).\n" +
            "Rotation: `secrets rotate jwt -e <env>` and `secrets rotate database -e <env> [--role …]` (docs/security.md, \"Rotation\"); --dry-run prints the steps.\n" +
            "Example: dotnet run --project src/Cli -- secrets -e dev                # names only, values hidden\n" +
            "Example: eval \"$(dotnet run --project src/Cli -- secrets -e dev --show)\"   # values into this shell only");
        command.Options.Add(EnvironmentOption);
        command.Options.Add(FormatOption);
        command.Options.Add(IncludeOptionalOption);
        command.Options.Add(ShowOption);
        command.Options.Add(EnvDirOption);
        command.Subcommands.Add(SecretsInitCommand.Create());
        command.Subcommands.Add(SecretsRotateCommand.Create());
        command.SetAction(Run);
        return command;
    }

    private static int Run(ParseResult parse)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        var name = parse.GetValue(EnvironmentOption) ?? "dev";
        var format = parse.GetValue(FormatOption) ?? "export";
        if (format is not ("export" or "azd"))
        {
            error.WriteLine($"--format {SecretRedaction.Describe(format)}: unknown format. Fix: pass --format export or --format azd.");
            return ExitCodes.InvalidInput;
        }
        var envDir = parse.EnvironmentDirectory(EnvDirOption);
        var configuration = EnvironmentFile.Load(envDir, name, error);
        if (configuration is null)
        {
            return ExitCodes.InvalidInput;
        }

        var system = TodoSystem.Description;
        var show = parse.GetValue(ShowOption);
        var lines = Generate(system, configuration, parse.GetValue(IncludeOptionalOption));
        if (show && IsTerminal())
        {
            error.WriteLine("# warning: --show prints secret values on this terminal; they stay in its scrollback. Pipe or eval the output instead.");
        }
        if (!show)
        {
            error.WriteLine($"# values hidden (***): pass --show to print them, e.g. eval \"$(dotnet run --project src/Cli -- secrets -e {name} --show)\". " +
                $"An environment's real secrets live in its Key Vault only: `secrets init -e {name} --resource-group <rg>` creates the missing ones.");
        }
        if (show && format == "azd")
        {
            error.WriteLine($"# warning: `azd env set` keeps these values in plain text in .azure/{name}/.env (git-ignored); keep it private.");
        }
        foreach (var (variable, generated) in lines)
        {
            // Without --show each line is what --show would print, value masked and commented out, so eval-ing it sets nothing.
            var value = show ? generated : "***";
            var line = format == "azd"
                // Always naming the azd environment: piped to sh, a line without it would write to whichever one is selected.
                ? $"azd env set {variable} '{value}' --environment {name}"
                : $"export {variable}='{value}'";
            output.WriteLine(generated is null ? $"# {variable}: not generated; set it yourself (an external credential)." : show ? line : "# " + line);
        }
        return ExitCodes.Success;
    }

    /// <summary>One value per secure parameter of the environment; null for values this command cannot create.</summary>
    internal static IReadOnlyList<(string Variable, string? Value)> Generate(SystemDescription system, EnvironmentConfiguration configuration, bool includeOptional) =>
        [.. system.SecureParametersFor(configuration).Where(p => includeOptional || !p.Optional).Select(p => (p.Variable, SecretValues.Generate(system, p)))];

    /// <inheritdoc cref="SecretValues.Password"/>
    internal static string Password(int length, string login) => SecretValues.Password(length, login);
}
