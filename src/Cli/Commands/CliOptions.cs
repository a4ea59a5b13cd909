using System.CommandLine;

namespace Provisioning.Cli.Commands;

/// <summary>
/// The options several commands share (where the environment files and the committed output are, which environments),
/// and how each resolves to a folder: one definition, so every command reads them the same way.
/// </summary>
internal static class CliOptions
{
    public static Option<DirectoryInfo> EnvDir(string description = "Folder with the environment files (default: env/ at the repository root).") =>
        new("--env-dir") { Description = description };

    public static Option<DirectoryInfo> Generated(string description = "Folder with the committed generated/<env>/ (default: generated/ at the repository root).") =>
        new("--generated") { Description = description };

    /// <param name="source">Where the default list comes from, e.g. <c>every env/*.json</c>.</param>
    public static Option<string[]> Environments(string source) => new("--environment", "-e")
    {
        Description = $"Only these environments (repeatable); default: {source}.",
        AllowMultipleArgumentsPerToken = true,
    };

    /// <summary>The one environment a command works on: <c>-e/--environment</c>, spelt as in every other command.</summary>
    public static Option<string> Environment(string description, string? defaultValue = null)
    {
        var option = new Option<string>("--environment", "-e") { Description = description };
        if (defaultValue is not null)
        {
            option.DefaultValueFactory = _ => defaultValue;
        }
        return option;
    }

    /// <summary>The folder of <paramref name="option"/>, or env/ at the repository root.</summary>
    public static string EnvironmentDirectory(this ParseResult parse, Option<DirectoryInfo> option) =>
        parse.GetValue(option)?.FullName ?? RepositoryPaths.EnvironmentDirectory;

    /// <summary>The folder of <paramref name="option"/>, or generated/ at the repository root.</summary>
    public static string GeneratedDirectory(this ParseResult parse, Option<DirectoryInfo> option) =>
        parse.GetValue(option)?.FullName ?? RepositoryPaths.GeneratedDirectory;
}
