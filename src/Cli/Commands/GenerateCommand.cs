using System.CommandLine;
using Provisioning.Bicep.Validation;
using Provisioning.Catalogue;
using Provisioning.Cli.Validation;
using Provisioning.Environments.Configuration;
using Provisioning.Environments.Files;
using Provisioning.Environments.Generation;

namespace Provisioning.Cli.Commands;

/// <summary><c>generate</c> (also the root command's default): env/&lt;env&gt;.json → generated/&lt;env&gt;/.</summary>
internal static class GenerateCommand
{
    private static readonly Option<DirectoryInfo> EnvDirOption = CliOptions.EnvDir();

    private static readonly Option<DirectoryInfo> OutOption = new("--out")
    {
        Description = "Folder to write into (default: generated/ at the repository root).",
    };

    private static readonly Option<string[]> EnvironmentOption = CliOptions.Environments("every env/*.json");

    private static readonly Option<bool> CheckOption = new("--check")
    {
        Description = "Write nothing; exit 1 when the committed output differs from what would be generated, 2 when a create-only change would be refused.",
    };

    private static readonly Option<string[]> AllowRecreateOption = new("--allow-recreate")
    {
        Description = "Acknowledge that the named resource (its symbolic name in main.bicep; repeatable) has a create-only change, " +
                      "so Azure needs it deleted and created again; <environment>:all (e.g. dev:all) acknowledges every such resource " +
                      "of that environment, and the run lists them. Without it, such a change is refused.",
        AllowMultipleArgumentsPerToken = true,
        HelpName = "symbolicName|env:all",
    };

    private static readonly Option<string[]> AllowTierChangeOption = new("--allow-tier-change")
    {
        Description = "Acknowledge that the named environment (repeatable), generated as production before, leaves the production tier " +
                      "and with it the guard rails its file no longer has (locks, HA, private networking…). Without it, such a change is refused.",
        AllowMultipleArgumentsPerToken = true,
        HelpName = "environment",
    };

    private static readonly Option<bool> ValidateOption = new("--validate")
    {
        Description = "After generating, compile and lint every generated .bicep/.bicepparam with the Bicep CLI under the strict configuration; exit 1 on any diagnostic.",
    };

    /// <summary>The line every command's --help ends with: where its errors are explained, and one example.</summary>
    internal static string ErrorsAndExample(string arguments) =>
        $"\nError messages, their meaning and fix: docs/troubleshooting.md.\nExample: dotnet run --project src/Cli -- {arguments}";

    public static RootCommand CreateRoot()
    {
        var root = new RootCommand(
            "Generates the Bicep for every environment from env/<env>.json (the default command) and checks deployed environments." + ErrorsAndExample("--check --validate"));
        AddOptions(root);
        root.SetAction(Run);
        return root;
    }

    public static Command Create()
    {
        var command = new Command("generate", "Regenerates generated/<env>/ (main.bicep, main.bicepparam, bootstrap files, README.md, main.state.json) from env/<env>.json, refusing create-only changes to existing resources. Needs no network and no Azure." + ErrorsAndExample("generate -e dev --validate"));
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
        command.Options.Add(AllowRecreateOption);
        command.Options.Add(AllowTierChangeOption);
        command.Options.Add(ValidateOption);
    }

    private static int Run(ParseResult parse)
    {
        var code = Generate(parse);
        return code == ExitCodes.Success && parse.GetValue(ValidateOption)
            ? GeneratedValidation.Run(parse.GeneratedDirectory(OutOption),
                parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error,
                interactive: ReferenceEquals(parse.InvocationConfiguration.Output, Console.Out) && !Console.IsOutputRedirected)
            : code;
    }

    private static void Report(TextWriter error, IReadOnlyList<string> problems, Func<int, string> heading)
    {
        if (problems.Count == 0)
        {
            return;
        }
        error.WriteLine(heading(problems.Count));
        foreach (var problem in problems)
        {
            error.WriteLine($"  {problem}");
        }
    }

    /// <summary>The estimate table of every environment, written by a full run (no -e) next to the environments' folders.</summary>
    internal const string CostsFile = "costs.md";

    private static bool CostsDrift(string envDir, string outDir)
    {
        var path = Path.Combine(outDir, CostsFile);
        return !File.Exists(path) || File.ReadAllText(path) != EstimateCommand.CostsDocument(outDir, envDir);
    }

    /// <summary>
    /// The repository root when <paramref name="outDir"/> is the repository's generated/ folder (its parent holds
    /// Provisioning.sln); null for any other output folder, whose run must not touch the repository.
    /// </summary>
    private static string? RepositoryBeside(string outDir)
    {
        var root = Path.GetDirectoryName(Path.GetFullPath(outDir));
        return root is not null && File.Exists(Path.Combine(root, "Provisioning.sln")) ? root : null;
    }

    /// <summary>
    /// Files outside generated/ that a full run keeps current, with the text they should have, when it differs from
    /// what is there: azure.yaml's services section and the deployment workflow. None for another output folder.
    /// </summary>
    private static List<(string RelativePath, string Text)> StaleRepositoryFiles(string outDir, GenerationResult result)
    {
        var stale = new List<(string, string)>();
        if (RepositoryBeside(outDir) is not { } root)
        {
            return stale;
        }
        var azureYaml = Path.Combine(root, AzureYamlServices.FileName);
        if (File.Exists(azureYaml))
        {
            Add(AzureYamlServices.FileName, AzureYamlServices.Apply(File.ReadAllText(azureYaml), TodoSystem.Description));
        }
        Add(DeployWorkflow.RelativePath, DeployWorkflow.Render(result.Configurations, TodoSystem.Description));
        return stale;

        void Add(string relativePath, string text)
        {
            var path = Path.Combine(root, relativePath);
            if (!File.Exists(path) || File.ReadAllText(path) != text)
            {
                stale.Add((relativePath, text));
            }
        }
    }

    private static int Generate(ParseResult parse)
    {
        var envDir = parse.EnvironmentDirectory(EnvDirOption);
        var outDir = parse.GeneratedDirectory(OutOption);
        var only = parse.GetValue(EnvironmentOption) ?? [];
        var allowRecreate = parse.GetValue(AllowRecreateOption) ?? [];
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        try
        {
            var result = GenerationRun.Generate(envDir, only);
            // Checked before anything is written, against the committed states of every selected environment at once.
            var tier = TierGuard.Check(outDir, result, parse.GetValue(AllowTierChangeOption) ?? []);
            var recreate = RecreateGuard.Check(envDir, outDir, result, allowRecreate);
            if (tier.IsBlocked || recreate.IsBlocked)
            {
                Report(error, tier.Problems().ToList(), count => $"Nothing was generated: {count} problem(s) with the production tier.");
                Report(error, recreate.Problems().ToList(), count => $"Nothing was generated: {count} problem(s) with create-only properties.");
                return ExitCodes.InvalidInput;
            }
            foreach (var downgrade in tier.Acknowledged)
            {
                output.WriteLine($"{downgrade.EnvironmentFile}: leaving the production tier acknowledged ({downgrade.From} → {downgrade.To}); " +
                                 $"guard rails removed: {(downgrade.RemovedGuardRails.Count == 0 ? "none yet" : string.Join(", ", downgrade.RemovedGuardRails.Select(r => r.JsonPath)))}.");
            }
            foreach (var acknowledgement in recreate.Acknowledgements())
            {
                output.WriteLine(acknowledgement);
            }

            if (parse.GetValue(CheckOption))
            {
                var drift = GenerationRun.FindDrift(outDir, result).ToList();
                // The costs follow from the templates: compared only when those match (else their drift is reported).
                if (drift.Count == 0 && only.Length == 0 && CostsDrift(envDir, outDir))
                {
                    drift.Add(CostsFile);
                }
                if (only.Length == 0)
                {
                    drift.AddRange(StaleRepositoryFiles(outDir, result).Select(f => "../" + f.RelativePath));
                }
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

            var changed = GenerationRun.FindDrift(outDir, result);
            // Rendered before anything is written: a repository file that cannot be rendered leaves everything as it was.
            var repositoryFiles = only.Length == 0 ? StaleRepositoryFiles(outDir, result) : [];
            AtomicOutputWriter.Write(outDir, result.Files);
            if (only.Length == 0)
            {
                var costs = EstimateCommand.CostsDocument(outDir, envDir);
                var costsPath = Path.Combine(outDir, CostsFile);
                if (!File.Exists(costsPath) || File.ReadAllText(costsPath) != costs)
                {
                    AtomicOutputWriter.WriteFile(costsPath, costs);
                    output.WriteLine($"{CostsFile}: written (estimate --markdown of every environment)");
                }
                foreach (var (relativePath, text) in repositoryFiles)
                {
                    var path = Path.Combine(RepositoryBeside(outDir)!, relativePath);
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    AtomicOutputWriter.WriteFile(path, text);
                    output.WriteLine($"{relativePath}: written (from the catalogue and env/*.json)");
                }
            }
            foreach (var environment in result.Environments)
            {
                var folder = Path.GetRelativePath(Directory.GetCurrentDirectory(), Path.Combine(outDir, environment));
                var count = result.Files.Count(f => f.RelativePath.StartsWith(environment + "/", StringComparison.Ordinal));
                var differing = changed.Count(f => f.StartsWith(environment + "/", StringComparison.Ordinal));
                output.WriteLine(differing == 0
                    ? $"{environment}: unchanged ({folder} already matches env/{environment}.json)"
                    : $"{environment}: {count} files written to {folder} ({differing} changed)");
            }
            return ExitCodes.Success;
        }
        catch (ConfigurationException ex)
        {
            error.WriteLine($"Nothing was generated: {ex.Problems.Count} problem(s) in the environment files or azure.yaml.");
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
