using System.Diagnostics;
using System.Text.Json.Nodes;
using Provisioning.Environments.Configuration;
using Provisioning.Environments.Tests;
using Provisioning.TestSupport;

namespace Provisioning.Cli.Tests;

/// <summary>
/// Secret hygiene (issue 11): configuration errors never echo a secret-shaped value, and no secret-shaped value (nor
/// any secret these tests configure) appears in the repository's tracked files, in generated/, or in the output of
/// the CLI commands run below. The only allow-listed matches are documented non-secrets, listed in
/// <see cref="Allowed"/> with the reason.
/// </summary>
[TestClass]
public sealed class SecretHygieneTests
{
    // Secrets these tests configure: realistic shapes, fresh per run.
    private static readonly string OpenAiKey = "sk-proj-" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(30)).Replace('+', 'A').Replace('/', 'b');
    private static readonly string Jwt = "eyJhbGciOiJIUzI1NiJ9." + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_').TrimEnd('=') + ".c2lnbmF0dXJlX29mX3RoZV90b2tlbg";
    private static readonly string ConnectionString = "postgresql://todoadmin:Pa55w0rd-" + Guid.NewGuid().ToString("N")[..12] + "@db.example.com:5432/todo";
    private static readonly string HighEntropy = RandomKey();

    private static IEnumerable<string> Configured => [OpenAiKey, Jwt, ConnectionString, HighEntropy];

    /// <summary>
    /// Base64 of 40 random bytes with the shape SecretRedaction.IsHighEntropy documents (upper, lower, at least 3
    /// digits): about one draw in 300 has fewer digits, and that draw made this test fail once (2026-12-05).
    /// </summary>
    private static string RandomKey()
    {
        while (true)
        {
            var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(40));
            if (key.Count(char.IsDigit) >= 3 && key.Any(char.IsUpper) && key.Any(char.IsLower))
            {
                return key;
            }
        }
    }

    /// <summary>
    /// Documented non-secrets that look high-entropy: NuGet's package integrity hashes in lock files
    /// (<c>"contentHash"</c>) and the placeholder OpenAI domain key of env/*.json (public by design: it is
    /// shipped to browsers). Nothing else is allowed.
    /// </summary>
    private static bool Allowed(string path, string line) =>
        (path.EndsWith("packages.lock.json", StringComparison.Ordinal) && line.Contains("\"contentHash\"", StringComparison.Ordinal))
        || (path.EndsWith("package-lock.json", StringComparison.Ordinal) && line.Contains("\"integrity\"", StringComparison.Ordinal))
        || line.Contains("domain_pk_", StringComparison.Ordinal);

    /// <summary>
    /// Documented placeholders among password-shaped matches: a password that is an interpolation or a name
    /// (<c>${uriComponent(p)}</c>, <c>{password}</c>, <c>PASSWORD</c>, <c>Password = password,</c>), and fake
    /// credentials of test fixtures for hosts that cannot exist or are this machine: RFC 2606 <c>example.com</c> and <c>.invalid</c>,
    /// loopback, or a single-label host.
    /// </summary>
    private static bool Placeholder(string found)
    {
        var url = System.Text.RegularExpressions.Regex.Match(found, @"://[^:]*:(?<pw>[^@]*)@");
        var password = url.Success ? url.Groups["pw"].Value : found[(found.IndexOf('=', StringComparison.Ordinal) + 1)..].Trim();
        return password.Contains('$', StringComparison.Ordinal) || password.Contains('{', StringComparison.Ordinal) || password.Contains('<', StringComparison.Ordinal) || password.Contains('(', StringComparison.Ordinal)
            || password.Contains('[', StringComparison.Ordinal) || password.StartsWith('>') || FixturePasswords.Any(password.StartsWith)
            || System.Text.RegularExpressions.Regex.IsMatch(password, @"^[A-Za-z_][A-Za-z_.]*[,;)]?$");
    }

    /// <summary>Fake passwords of parser tests (their servers do not exist); listed so that any other value fails.</summary>
    private static readonly string[] FixturePasswords = ["Pa55word", "p%40ss%2Fw%3Ard", "unused-here"];

    private static bool FakeHost(string line, string found)
    {
        var at = line.IndexOf(found, StringComparison.Ordinal) + found.Length;
        var host = new string(line[at..].TakeWhile(c => char.IsLetterOrDigit(c) || c is '.' or '-').ToArray());
        return host.EndsWith("example.com", StringComparison.Ordinal) || host.EndsWith(".invalid", StringComparison.Ordinal)
            || host is "127.0.0.1" or "localhost" || !host.Contains('.', StringComparison.Ordinal);
    }

    public static IEnumerable<object[]> Fields() =>
    [
        ["$.location", (Action<JsonObject>)(j => j["location"] = OpenAiKey), OpenAiKey],
        ["$.images.frontend", (Action<JsonObject>)(j => j["images"]!["frontend"] = Jwt), Jwt],
        ["$.location", (Action<JsonObject>)(j => j["location"] = ConnectionString), ConnectionString],
        ["$.namePrefix", (Action<JsonObject>)(j => j["namePrefix"] = HighEntropy), HighEntropy],
        ["$.tier", (Action<JsonObject>)(j => j["tier"] = OpenAiKey), OpenAiKey],
        ["$.database.skuName", (Action<JsonObject>)(j => j["database"]!["skuName"] = HighEntropy), HighEntropy],
        ["$.databasePassword", (Action<JsonObject>)(j => j["databasePassword"] = ConnectionString), ConnectionString],
        ["$.frontend.openAiDomainKey", (Action<JsonObject>)(j => j["frontend"]!["openAiDomainKey"] = OpenAiKey), OpenAiKey],
    ];

    [TestMethod]
    [DynamicData(nameof(Fields))]
    public void A_secret_in_a_configuration_field_is_named_never_echoed(string path, Action<JsonObject> edit, string secret)
    {
        var env = EnvironmentFiles.CopyToTemp();
        EnvironmentFiles.Edit(env, "dev", edit);
        var output = TestFolders.NewTemp("hygiene-out");
        var (exit, stdout, stderr) = GenerateFixture.Run("--env-dir", env, "--out", output);
        Assert.AreEqual(ExitCodes.InvalidInput, exit, stderr);
        StringAssert.Contains(stderr, path, "the error names the field");
        StringAssert.Contains(stderr, "Fix:", "and the expected form");
        AssertClean("generate (invalid " + path + ")", stdout + stderr);
        Assert.AreEqual(0, Directory.EnumerateFileSystemEntries(output).Count(), "nothing written");
    }

    [TestMethod]
    public void Redaction_helper_recognises_every_shape_and_leaves_ordinary_values()
    {
        foreach (var secret in Configured)
        {
            Assert.IsTrue(SecretRedaction.LooksSecret(secret), secret[..4]);
            Assert.IsFalse(SecretRedaction.Describe(secret).Contains(secret, StringComparison.Ordinal));
            Assert.IsFalse(SecretRedaction.Scrub("x " + secret + " y").Contains(secret, StringComparison.Ordinal));
        }
        Assert.IsTrue(SecretRedaction.LooksSecret("Server=db;Database=todo;User Id=a;Password=" + HighEntropy[..12] + ";"));
        foreach (var ordinary in new[] { "westeurope", "todo-frontend:1.0.0", "Standard_B1ms", "10.40.0.0/16", "0 */1 * * * *",
            "6f1c1a9e-3b4f-4c2e-9a51-0c7d2f3e8b11", "src/Environments/Configuration/ConfigurationRules.cs", "todo-platform@example.com" })
        {
            Assert.IsFalse(SecretRedaction.LooksSecret(ordinary), ordinary);
            Assert.AreEqual("'" + ordinary + "'", SecretRedaction.Describe(ordinary));
        }
    }

    [TestMethod]
    public void Tracked_files_and_generated_contain_no_secret_shaped_value()
    {
        var root = TestFolders.RepositoryRoot;
        var files = Git(root, "ls-files", "-z").Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "generated"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f)))
            .Distinct().ToList();
        Assert.IsTrue(files.Count > 100, $"only {files.Count} files found");
        var findings = new List<string>();
        var scanned = 0;
        foreach (var file in files)
        {
            var full = Path.Combine(root, file);
            if (!File.Exists(full) || new FileInfo(full).Length > 2_000_000 || IsBinary(full))
            {
                continue;
            }
            scanned++;
            findings.AddRange(Scan(file, File.ReadAllText(full)));
        }
        Console.WriteLine($"secret scan: {scanned} tracked/generated files, {findings.Count} secret(s) found");
        Assert.AreEqual(0, findings.Count, string.Join('\n', findings));
    }

    [TestMethod]
    public void Cli_outputs_contain_no_secret_shaped_value_and_secrets_prints_only_to_stdout()
    {
        var (env, generated) = OperationsCommandRunner.CopyRepository("hygiene-cli");
        var outputs = new List<(string Command, string Text)>();
        void Add(string command, (int ExitCode, string Output, string Error) run) => outputs.Add((command, run.Output + run.Error));

        var fresh = TestFolders.NewTemp("hygiene-generate");
        Add("generate", GenerateFixture.Run("--env-dir", env, "--out", fresh));
        Add("generate --check", GenerateFixture.Run("--env-dir", env, "--out", generated, "--check"));
        Add("plan", OperationsCommandRunner.Run("plan", "--env-dir", env, "--generated", generated));
        Add("diff", OperationsCommandRunner.Run("diff", "--env-dir", env, "--generated", generated));
        Add("estimate", OperationsCommandRunner.Run("estimate", "--generated", generated));
        var invalid = EnvironmentFiles.CopyToTemp();
        EnvironmentFiles.Edit(invalid, "dev", j => { j["location"] = OpenAiKey; j["apiKey"] = Jwt; });
        Add("generate (invalid)", GenerateFixture.Run("--env-dir", invalid, "--out", TestFolders.NewTemp("hygiene-invalid")));

        var findings = outputs.SelectMany(o => Scan(o.Command, o.Text)).ToList();

        // secrets prints secrets by design: only on stdout, never on stderr, and never into a file.
        var (exit, stdout, stderr) = SecretsCommandTests.Run("secrets", "-e", "prod", "--env-dir", env, "--include-optional", "--show");
        Assert.AreEqual(ExitCodes.Success, exit, stderr);
        var values = SecretsCommandTests.Exports(stdout).Values.ToList();
        Assert.IsTrue(values.Count >= 5);
        Assert.AreEqual("", stderr);
        foreach (var dir in new[] { env, generated, fresh, TestFolders.RepositoryRoot })
        {
            foreach (var file in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/.git/", StringComparison.Ordinal)))
            {
                if (new FileInfo(file).Length > 2_000_000 || IsBinary(file))
                {
                    continue;
                }
                var text = File.ReadAllText(file);
                findings.AddRange(values.Where(v => text.Contains(v, StringComparison.Ordinal)).Select(_ => $"{file}: a value printed by secrets"));
            }
        }
        Console.WriteLine($"secret scan: {outputs.Count} command outputs + secrets' files check, {findings.Count} secret(s) found");
        Assert.AreEqual(0, findings.Count, string.Join('\n', findings));
    }

    private static void AssertClean(string source, string text)
    {
        var findings = Scan(source, text).ToList();
        Assert.AreEqual(0, findings.Count, string.Join('\n', findings));
    }

    /// <summary>Secret-shaped values and the configured secrets in <paramref name="text"/>, as "source:line: kind".</summary>
    internal static IEnumerable<string> Scan(string source, string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (Allowed(source, line))
            {
                continue;
            }
            foreach (var found in SecretRedaction.Find(line).Where(f => !(f.Contains('=', StringComparison.Ordinal) || f.EndsWith('@')) || !(Placeholder(f) || (f.EndsWith('@') && FakeHost(line, f)))))
            {
                yield return $"{source}:{i + 1}: secret-shaped value ({found.Length} characters, starts '{found[..Math.Min(4, found.Length)]}')";
            }
            foreach (var secret in Configured.Where(s => line.Contains(s, StringComparison.Ordinal)))
            {
                yield return $"{source}:{i + 1}: a secret this test configured";
            }
        }
    }

    private static bool IsBinary(string file)
    {
        var buffer = new byte[Math.Min(8000, new FileInfo(file).Length)];
        using var stream = File.OpenRead(file);
        var read = stream.Read(buffer);
        return buffer.AsSpan(0, read).Contains((byte)0);
    }

    private static string Git(string dir, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = dir, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        using var p = Process.Start(start)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return output;
    }
}
