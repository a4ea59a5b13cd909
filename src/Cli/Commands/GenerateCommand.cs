using System.CommandLine;
using Provisioning.Bicep.Validation;
using Provisioning.Environments.Configuration;
using Provisioning.Environments.Generation;

namespace Provisioning.Cli.Commands;

/// <summary><c>generate</c> (also the root command's default): env/&lt;env&gt;.json → generated/&lt;env&gt;/.</summary>
internal static class GenerateCommand
{
    private static readonly Option<DirectoryInfo> EnvDirOption = new("--env-dir")
    {
        Description = "Folder with the environment files (default: env/ at the repository root).",
    };

    private static readonly Option<DirectoryInfo> OutOption = new("--out")
    {
        Description = "Folder to write into (default: generated/ at the repository root).",
    };

    private static readonly Option<string[]> EnvironmentOption = new("--environment", "-e")
    {
        Description = "Only these environments (repeatable); default: every env/*.json.",
        AllowMultipleArgumentsPerToken = true,
    };

    private static readonly Option<bool> CheckOption = new("--check")
    {
        Description = "Write nothing; exit 1 when the committed output differs from what would be generated.",
    };

    public static RootCommand CreateRoot()
    {
        var root = new RootCommand(
            "Generates the Bicep for every environment from env/<env>.json (the default command) and checks deployed environments.");
        AddOptions(root);
        root.SetAction(Run);
        return root;
    }

    public static Command Create()
    {
        var command = new Command("generate", "Regenerates generated/<env>/ (main.bicep, main.bicepparam, README.md) from env/<env>.json. Needs no network and no Azure.");
        AddOptions(command);
        command.SetAction(Run);
        return command;
    }

    private static void AddOptions(Command command)
    {
        command.Options.Add(EnvDirOption);
        command.Options.Add(OutOption);
        command.Options.Add(EnvironmentOption);
        command.Options.Add(CheckOption);
    }

    private static int Run(ParseResult parse)
    {
        var envDir = parse.GetValue(EnvDirOption)?.FullName ?? RepositoryPaths.EnvironmentDirectory;
        var outDir = parse.GetValue(OutOption)?.FullName ?? RepositoryPaths.GeneratedDirectory;
        var only = parse.GetValue(EnvironmentOption) ?? [];
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        try
        {
            if (parse.GetValue(CheckOption))
            {
                var result = GenerationRun.Generate(envDir, only);
                var drift = GenerationRun.FindDrift(outDir, result);
                if (drift.Count == 0)
                {
                    output.WriteLine($"generated/ is up to date for {string.Join(", ", result.Environments)}.");
                    return ExitCodes.Success;
                }
                error.WriteLine("These generated files differ from env/*.json; run the generator and commit the result:");
                foreach (var file in drift)
                {
                    error.WriteLine($"  {file}");
                }
                return ExitCodes.CheckFailed;
            }

            var written = GenerationRun.GenerateAndWrite(envDir, outDir, only);
            foreach (var environment in written.Environments)
            {
                var count = written.Files.Count(f => f.RelativePath.StartsWith(environment + "/", StringComparison.Ordinal));
                output.WriteLine($"{environment}: {count} files written to {Path.GetRelativePath(Directory.GetCurrentDirectory(), Path.Combine(outDir, environment))}");
            }
            return ExitCodes.Success;
        }
        catch (ConfigurationException ex)
        {
            error.WriteLine($"Nothing was generated: {ex.Problems.Count} problem(s) in the environment files.");
            foreach (var problem in ex.Problems)
            {
                error.WriteLine($"  {problem}");
            }
            return ExitCodes.InvalidInput;
        }
        catch (BicepValidationException ex)
        {
            error.WriteLine("Nothing was generated: the templates break model rules.");
            foreach (var problem in ex.Problems)
            {
                error.WriteLine($"  {problem}");
            }
            return ExitCodes.InvalidInput;
        }
    }
}
