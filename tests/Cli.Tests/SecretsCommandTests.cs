using System.CommandLine;
using System.Text.RegularExpressions;
using Provisioning.Cli.Commands;
using Provisioning.Environments.Model;
using Provisioning.TestSupport;

namespace Provisioning.Cli.Tests;

[TestClass]
public sealed partial class SecretsCommandTests
{
    internal static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = CliApplication.Invoke(args, new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>What `eval "$(secrets …)"` would export: the single-quoted values of the export lines.</summary>
    internal static Dictionary<string, string> Exports(string output)
    {
        var exports = new Dictionary<string, string>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }
            var m = ExportLine().Match(line);
            Assert.IsTrue(m.Success, $"not an export line: {line.Split('=')[0]}=…");
            exports[m.Groups[1].Value] = m.Groups[2].Value;
        }
        return exports;
    }

    [TestMethod]
    [DataRow("dev")]
    [DataRow("prod")]
    public void Exported_values_pass_the_parameters_own_rules_when_the_bicepparam_is_compiled(string env)
    {
        var (exit, stdout, stderr) = Run("secrets", "-e", env, "--show");
        Assert.AreEqual(ExitCodes.Success, exit, stderr);
        Assert.AreEqual("", stderr, "export format writes nothing but the values, and only to stdout (not a terminal: no warning)");
        var exports = Exports(stdout);
        var configuration = Provisioning.Environments.Configuration.ConfigurationLoader.Load(
            Path.Combine(TestFolders.RepositoryRoot, "env", env + ".json")).Configuration!;
        var expected = TodoSystem.Description.SecureParametersFor(configuration).Where(p => !p.Optional && !p.External).Select(p => p.Variable);
        CollectionAssert.IsSubsetOf(expected.ToList(), exports.Keys.ToList());
        Assert.IsFalse(exports.ContainsKey("JWT_SECRET_KEY_PREVIOUS"), "optional parameters only with --include-optional");

        // Complexity (Azure Database for PostgreSQL): 8-128 characters, three of the four classes, no login inside.
        var logins = new Dictionary<string, string>
        {
            ["POSTGRES_ADMIN_PASSWORD"] = TodoSystem.Description.Database.AdministratorLogin,
            ["POSTGRES_OWNER_PASSWORD"] = "todo_owner",
            ["POSTGRES_APP_PASSWORD"] = "todo_app",
            ["POSTGRES_PROBE_PASSWORD"] = "todo_probe",
        };
        foreach (var (variable, login) in logins)
        {
            var password = exports[variable];
            Assert.IsTrue(password.Length is >= 8 and <= 128, variable);
            var classes = new[] { password.Any(char.IsUpper), password.Any(char.IsLower), password.Any(char.IsDigit), password.Any(c => !char.IsLetterOrDigit(c)) }.Count(b => b);
            Assert.IsTrue(classes >= 3, $"{variable} has {classes} character classes");
            Assert.IsFalse(password.Contains(login, StringComparison.OrdinalIgnoreCase), variable);
        }
        Assert.IsTrue(Convert.FromBase64String(exports["JWT_SECRET_KEY"]).Length >= 32, "JWT key: at least 32 random bytes");
        Assert.AreEqual(exports.Count, exports.Values.Distinct().Count(), "every value is fresh");

        foreach (var parameter in TodoSystem.Description.SecureParametersFor(configuration).Where(p => !p.Optional && !p.External))
        {
            var value = exports[parameter.Variable];
            Assert.IsTrue(value.Length >= parameter.MinLength && value.Length <= (parameter.MaxLength ?? int.MaxValue), $"{parameter.Variable} within the parameter's length rule");
        }
    }

    [TestMethod]
    public void Include_optional_adds_the_previous_jwt_key_and_azd_format_warns_on_stderr_only()
    {
        var (exit, stdout, stderr) = Run("secrets", "-e", "dev", "--include-optional", "--format", "azd", "--show");
        Assert.AreEqual(ExitCodes.Success, exit, stderr);
        StringAssert.Contains(stdout, "azd env set JWT_SECRET_KEY_PREVIOUS '");
        StringAssert.Contains(stderr, ".azure/dev/.env");
        StringAssert.Contains(stderr, "plain text");
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')))
        {
            var match = AzdLine().Match(line);
            Assert.IsTrue(match.Success, line.Split('\'')[0]);
            Assert.AreEqual("dev", match.Groups[1].Value, "every line names the azd environment");
            Assert.IsFalse(stderr.Contains(line.Split('\'')[1], StringComparison.Ordinal), "values never reach stderr");
        }
    }

    /// <summary>Piped to sh, each line must write to the environment asked for, not to whichever azd has selected.</summary>
    [TestMethod]
    public void Azd_lines_for_prod_name_prod_on_every_line()
    {
        var (exit, stdout, stderr) = Run("secrets", "-e", "prod", "--format", "azd", "--show");

        Assert.AreEqual(ExitCodes.Success, exit, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')).ToList();
        Assert.IsTrue(lines.Count >= 2);
        Assert.IsTrue(lines.All(l => AzdLine().Match(l) is { Success: true } m && m.Groups[1].Value == "prod"), string.Join("\n", lines.Select(l => l.Split('\'')[0])));
    }

    /// <summary>A value on a screen is a leaked value: without --show every line hides it, and says how to get it.</summary>
    [TestMethod]
    [DataRow("export")]
    [DataRow("azd")]
    public void Without_show_no_value_is_printed_only_names_and_how_to_get_them(string format)
    {
        var (exit, stdout, stderr) = Run("secrets", "-e", "prod", "--format", format, "--include-optional");
        Assert.AreEqual(ExitCodes.Success, exit, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.IsTrue(lines.Length >= 5);
        Assert.IsTrue(lines.All(l => l.StartsWith('#')), "every line is a comment: eval-ing it sets nothing");
        foreach (var variable in new[] { "JWT_SECRET_KEY", "POSTGRES_APP_PASSWORD", "JWT_SECRET_KEY_PREVIOUS" })
        {
            CollectionAssert.Contains(lines, format == "azd" ? $"# azd env set {variable} '***' --environment prod" : $"# export {variable}='***'");
        }
        StringAssert.Contains(stderr, "--show");
        StringAssert.Contains(stderr, "secrets init -e prod");
    }

    [TestMethod]
    public void Show_on_a_terminal_warns_on_stderr_and_not_when_piped()
    {
        var terminal = SecretsCommand.IsTerminal;
        try
        {
            SecretsCommand.IsTerminal = () => true;
            var (exit, stdout, stderr) = Run("secrets", "-e", "dev", "--show");
            Assert.AreEqual(ExitCodes.Success, exit);
            StringAssert.Contains(stderr, "warning: --show prints secret values on this terminal");
            Assert.IsTrue(Exports(stdout).Count >= 5, "the values are printed");

            SecretsCommand.IsTerminal = () => false;
            (_, _, stderr) = Run("secrets", "-e", "dev", "--show");
            Assert.AreEqual("", stderr, "piped or eval-ed: no warning");
        }
        finally
        {
            SecretsCommand.IsTerminal = terminal;
        }
    }

    [TestMethod]
    public void Passwords_always_have_four_classes_and_never_the_login()
    {
        for (var i = 0; i < 2_000; i++)
        {
            var p = SecretsCommand.Password(16, "todoadmin");
            Assert.IsTrue(p.Any(char.IsUpper) && p.Any(char.IsLower) && p.Any(char.IsDigit) && p.Any(SecretsCommand.Symbols.Contains));
            Assert.IsFalse(p.Contains('\'', StringComparison.Ordinal) || p.Contains('$', StringComparison.Ordinal) || p.Contains('`', StringComparison.Ordinal));
        }
    }

    [TestMethod]
    public void Unknown_environment_and_format_are_input_errors_with_nothing_on_stdout()
    {
        var (exit, stdout, stderr) = Run("secrets", "-e", "nope");
        Assert.AreEqual(ExitCodes.InvalidInput, exit);
        Assert.AreEqual("", stdout);
        StringAssert.Contains(stderr, "Fix:");
        (exit, stdout, _) = Run("secrets", "--format", "yaml");
        Assert.AreEqual(ExitCodes.InvalidInput, exit);
        Assert.AreEqual("", stdout);
    }

    [TestMethod]
    public void Help_explains_show_init_and_rotation_and_gives_an_example()
    {
        var (_, stdout, _) = Run("secrets", "--help");
        StringAssert.Contains(stdout, "JWT_SECRET_KEY_PREVIOUS");
        StringAssert.Contains(stdout, "Example:");
        StringAssert.Contains(stdout, "--show");
        StringAssert.Contains(stdout, "secrets init");
        StringAssert.Contains(stdout, "Secret lifecycle");
        (_, stdout, _) = Run("secrets", "init", "--help");
        StringAssert.Contains(stdout, "never overwrites");
        StringAssert.Contains(stdout, "--resource-group");
    }

    [GeneratedRegex(@"^export ([A-Z_]+)='([^']*)'$")]
    private static partial Regex ExportLine();

    [GeneratedRegex(@"^azd env set [A-Z_]+ '[^']+' --environment ([a-z0-9]+)$")]
    private static partial Regex AzdLine();
}
