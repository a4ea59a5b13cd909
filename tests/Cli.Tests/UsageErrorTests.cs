using System.CommandLine;

namespace Provisioning.Cli.Tests;

/// <summary>
/// A usage error (unknown command, unknown option, a value of the wrong type) exits 2, "the input is wrong", for every
/// command of the real command line: never 1, which pipelines read as "drift found" or "a check failed".
/// </summary>
[TestClass]
public sealed class UsageErrorTests
{
    /// <summary>
    /// Every command the program has, as the words that call it (<c>local up</c>), read from the program's own root: a
    /// new command is covered without an edit here.
    /// </summary>
    public static IEnumerable<object[]> Commands() =>
        Paths(CliApplication.CreateRoot().Subcommands, "").Select(path => new object[] { path });

    private static IEnumerable<string> Paths(IEnumerable<Command> commands, string prefix) =>
        commands.SelectMany(c => Paths(c.Subcommands, prefix + c.Name + " ").Prepend(prefix + c.Name));

    /// <summary>The command's words and a valid value for each argument it requires, so the error under test is the only one.</summary>
    private static string[] Call(string path)
    {
        Command command = CliApplication.CreateRoot();
        foreach (var word in path.Split(' '))
        {
            command = command.Subcommands.Single(c => c.Name == word);
        }
        return [.. path.Split(' '), .. command.Arguments.SelectMany(a => Enumerable.Repeat("dev", a.Arity.MinimumNumberOfValues))];
    }

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = CliApplication.Invoke(args, new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [TestMethod]
    [DynamicData(nameof(Commands))]
    public void An_unknown_option_exits_2_and_names_the_option(string command)
    {
        var (exit, _, err) = Run([.. Call(command), "--no-such-option"]);
        Assert.AreEqual(ExitCodes.InvalidInput, exit, err);
        StringAssert.Contains(err, "--no-such-option");
    }

    [TestMethod]
    [DynamicData(nameof(Commands))]
    public void An_unexpected_argument_exits_2(string command)
    {
        var (exit, _, err) = Run([.. Call(command), "--", "surplus-argument"]);
        Assert.AreEqual(ExitCodes.InvalidInput, exit, err);
        StringAssert.Contains(err, "surplus-argument");
    }

    [TestMethod]
    [DynamicData(nameof(Commands))]
    public void Help_of_every_command_exits_0(string command)
    {
        var (exit, output, err) = Run([.. command.Split(' '), "--help"]);
        Assert.AreEqual(ExitCodes.Success, exit, err);
        StringAssert.Contains(output, command.Split(' ')[^1]);
    }

    [TestMethod]
    public void An_unknown_command_exits_2_and_names_it()
    {
        var (exit, _, err) = Run("generat");
        Assert.AreEqual(ExitCodes.InvalidInput, exit, err);
        StringAssert.Contains(err, "generat");
    }

    [TestMethod]
    [DataRow("verify-db", "--timeout", "soon")]
    [DataRow("estimate", "--rps", "many")]
    [DataRow("estimate", "--budget", "lots")]
    public void A_value_of_the_wrong_type_exits_2_and_names_the_value(string command, string option, string value)
    {
        var (exit, _, err) = Run(command, option, value);
        Assert.AreEqual(ExitCodes.InvalidInput, exit, err);
        StringAssert.Contains(err, value);
    }

    [TestMethod]
    public void A_missing_option_value_exits_2()
    {
        var (exit, _, err) = Run("generate", "--environment");
        Assert.AreEqual(ExitCodes.InvalidInput, exit, err);
    }

    [TestMethod]
    public void Each_option_name_means_one_thing_in_every_command()
    {
        // The same option name must have the same aliases wherever it appears: `-e` in one command and `--env` in
        // another for the same idea is what a person types wrong.
        var byName = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        void Visit(Command command)
        {
            foreach (var option in command.Options.Where(o => !o.Name.StartsWith("-h", StringComparison.Ordinal) && o.Name != "--help" && o.Name != "--version"))
            {
                var aliases = option.Aliases.Append(option.Name).Order(StringComparer.Ordinal);
                byName.TryAdd(option.Name, []);
                byName[option.Name].Add(string.Join("|", aliases));
            }
            foreach (var sub in command.Subcommands)
            {
                Visit(sub);
            }
        }
        Visit(CliApplication.CreateRoot());

        var inconsistent = byName.Where(p => p.Value.Count > 1).Select(p => $"{p.Key}: {string.Join(" vs ", p.Value)}").ToList();
        Assert.IsEmpty(inconsistent, string.Join("\n", inconsistent));
        Assert.IsFalse(byName.ContainsKey("--env"), "the environment is -e/--environment in every command");
    }
}
