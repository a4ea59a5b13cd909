using System.CommandLine;
using System.Security.Cryptography;
using Provisioning.Environments.Configuration;
using Provisioning.Environments.Model;

namespace Provisioning.Cli.Commands;

/// <summary>
/// <c>secrets</c>: prints strong values for every secure parameter of an environment, read from the system model
/// (<see cref="SystemDescription.SecureParametersFor"/>). It only ever writes to standard output: no file, no
/// environment, no Key Vault.
/// </summary>
internal static class SecretsCommand
{
    /// <summary>Symbols allowed in generated passwords: none needs quoting inside single quotes, URLs percent-encode them.</summary>
    internal const string Symbols = "-_.~!#%^*+=";
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string Digits = "23456789";

    /// <summary>Random bytes behind a generated JWT key (base64-encoded: 64 characters).</summary>
    internal const int JwtKeyBytes = 48;

    /// <summary>Length of generated PostgreSQL passwords (within the parameters' 16–128 and Azure's 8–128).</summary>
    internal const int PasswordLength = 32;

    private static readonly Option<string> EnvironmentOption = CliOptions.Environment("The environment (env/<name>.json) whose secure parameters to print.", "dev");

    private static readonly Option<string> FormatOption = new("--format")
    {
        Description = "export: `export NAME='value'` lines for a shell (default). azd: `azd env set NAME 'value' --environment <env>` lines (see below).",
        DefaultValueFactory = _ => "export",
    };

    private static readonly Option<bool> IncludeOptionalOption = new("--include-optional")
    {
        Description = "Also print optional parameters (JWT_SECRET_KEY_PREVIOUS). Only during a key rotation: see below.",
    };

    private static readonly Option<DirectoryInfo> EnvDirOption = CliOptions.EnvDir();

    public static Command Create()
    {
        var command = new Command("secrets",
            "Prints fresh strong values for every secure parameter of an environment: JWT_SECRET_KEY (48 random bytes, base64) " +
            $"and the PostgreSQL passwords ({PasswordLength} characters of upper, lower, digits and symbols, never containing the role's login; " +
            "Azure requires 8-128 characters from three of those four classes). Values that cannot be generated (OPENAI_API_KEY) are " +
            "listed as comments. The values go to standard output only: nothing is written to a file, the environment or Key Vault.\n" +
            "Formats: --format export prints `export NAME='value'`; --format azd prints `azd env set NAME 'value' --environment <env>` (always naming the environment), because " +
            "`azd env set-secret` only prompts interactively for a Key Vault secret and azd does not support Key Vault references with " +
            ".bicepparam files; `azd env set` stores the value in plain text in .azure/<env>/.env (git-ignored), so keep that folder private.\n" +
            "Key rotation (docs/contract.md): to rotate JWT_SECRET_KEY, set JWT_SECRET_KEY_PREVIOUS to the current key and JWT_SECRET_KEY " +
            "to a new one (`secrets --include-optional` prints both fresh; replace PREVIOUS with your current key), deploy, wait until tokens " +
            "signed with the old key have expired (15 minutes), then unset JWT_SECRET_KEY_PREVIOUS and deploy again.\n" +
            "Example: eval \"$(dotnet run --project src/Cli -- secrets -e dev)\" && azd provision\n" +
            "Example: dotnet run --project src/Cli -- secrets -e prod --format azd | sh");
        command.Options.Add(EnvironmentOption);
        command.Options.Add(FormatOption);
        command.Options.Add(IncludeOptionalOption);
        command.Options.Add(EnvDirOption);
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
        var file = Path.Combine(envDir, name + ".json");
        if (!File.Exists(file))
        {
            error.WriteLine($"-e {SecretRedaction.Describe(name)}: there is no env/<name>.json for it. Fix: pass the name of a file in {envDir} (e.g. dev).");
            return ExitCodes.InvalidInput;
        }
        var (configuration, problems) = ConfigurationLoader.Load(file);
        if (configuration is null)
        {
            foreach (var problem in problems)
            {
                error.WriteLine(problem);
            }
            return ExitCodes.InvalidInput;
        }

        var system = TodoSystem.Description;
        var lines = Generate(system, configuration, parse.GetValue(IncludeOptionalOption));
        if (format == "azd")
        {
            error.WriteLine($"# warning: `azd env set` keeps these values in plain text in .azure/{name}/.env (git-ignored); keep it private.");
        }
        foreach (var (variable, value) in lines)
        {
            output.WriteLine(value is null
                ? $"# {variable}: not generated; set it yourself (an external credential)."
                // Always naming the azd environment: piped to sh, a line without it would write to whichever one is selected.
                : format == "azd" ? $"azd env set {variable} '{value}' --environment {name}" : $"export {variable}='{value}'");
        }
        return ExitCodes.Success;
    }

    /// <summary>One value per secure parameter of the environment; null for values this command cannot create.</summary>
    internal static IReadOnlyList<(string Variable, string? Value)> Generate(SystemDescription system, EnvironmentConfiguration configuration, bool includeOptional)
    {
        var logins = system.Secrets.Select(s => s.Content).OfType<DatabaseUrlContent>().ToDictionary(c => c.PasswordParameter, c => c.Login);
        logins.TryAdd(system.Database.AdministratorPasswordParameter, system.Database.AdministratorLogin);
        var keys = system.Secrets.Where(s => s.ContentType == TodoSystem.HS256Key).SelectMany(s => s.Content.Parameters).ToHashSet();
        var result = new List<(string, string?)>();
        foreach (var parameter in system.SecureParametersFor(configuration))
        {
            if (parameter.Optional && !includeOptional)
            {
                continue;
            }
            if (parameter.External)
            {
                result.Add((parameter.Variable, null));
            }
            else if (logins.TryGetValue(parameter.Name, out var login))
            {
                result.Add((parameter.Variable, Password(Math.Clamp(PasswordLength, parameter.MinLength, parameter.MaxLength ?? 128), login)));
            }
            else if (keys.Contains(parameter.Name))
            {
                var value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(Math.Max(JwtKeyBytes, parameter.MinLength)));
                result.Add((parameter.Variable, parameter.MaxLength is { } max && value.Length > max ? value[..max] : value));
            }
            else
            {
                // Any other secret the system makes for itself: random, within its length rule.
                var value = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(Math.Max(JwtKeyBytes, parameter.MinLength)));
                result.Add((parameter.Variable, parameter.MaxLength is { } max && value.Length > max ? value[..max] : value));
            }
        }
        return result;
    }

    /// <summary>A password with at least one character of each class, uniformly shuffled, that does not contain <paramref name="login"/>.</summary>
    internal static string Password(int length, string login)
    {
        const string all = Upper + Lower + Digits + Symbols;
        while (true)
        {
            var chars = new char[length];
            chars[0] = Upper[RandomNumberGenerator.GetInt32(Upper.Length)];
            chars[1] = Lower[RandomNumberGenerator.GetInt32(Lower.Length)];
            chars[2] = Digits[RandomNumberGenerator.GetInt32(Digits.Length)];
            chars[3] = Symbols[RandomNumberGenerator.GetInt32(Symbols.Length)];
            for (var i = 4; i < length; i++)
            {
                chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
            }
            RandomNumberGenerator.Shuffle(chars.AsSpan());
            var password = new string(chars);
            if (!password.Contains(login, StringComparison.OrdinalIgnoreCase))
            {
                return password;
            }
        }
    }
}
