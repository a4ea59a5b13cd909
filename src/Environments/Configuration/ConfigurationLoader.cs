using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Provisioning.Environments.Configuration;

/// <summary>
/// Reads env/&lt;env&gt;.json files. Every problem in every file is collected (syntax, schema, then the rules no
/// schema can express) so a person fixes them all in one pass.
/// </summary>
public static partial class ConfigurationLoader
{
    private static readonly JsonSerializerOptions SerializerOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    /// <summary>Loads every <c>*.json</c> environment file in <paramref name="directory"/> (the schema file excluded), ordered by name.</summary>
    /// <exception cref="ConfigurationException">Any file is invalid; all problems of all files are listed.</exception>
    public static IReadOnlyList<EnvironmentConfiguration> LoadAll(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new ConfigurationException([new(directory, "$", "the environment folder does not exist.",
                "run from the repository root or pass --env-dir with the folder that holds dev.json, staging.json and prod.json.")]);
        }
        var files = Directory.EnumerateFiles(directory, "*.json")
            .Where(f => !f.EndsWith(".schema.json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
        {
            throw new ConfigurationException([new(directory, "$", "no environment files (*.json) were found.",
                "add one file per environment, e.g. env/dev.json, starting from an existing one.")]);
        }

        var configurations = new List<EnvironmentConfiguration>();
        var problems = new List<ConfigurationProblem>();
        foreach (var file in files)
        {
            var (configuration, fileProblems) = Load(file);
            problems.AddRange(fileProblems);
            if (configuration is not null)
            {
                configurations.Add(configuration);
            }
        }
        if (problems.Count > 0)
        {
            throw new ConfigurationException(problems);
        }
        return configurations;
    }

    /// <summary>Loads one file; returns the configuration only when there are no problems.</summary>
    public static (EnvironmentConfiguration? Configuration, IReadOnlyList<ConfigurationProblem> Problems) Load(string file)
    {
        var display = DisplayPath(file);
        var name = Path.GetFileNameWithoutExtension(file);
        var problems = new List<ConfigurationProblem>();
        if (!EnvironmentName().IsMatch(name))
        {
            problems.Add(new(display, "$", $"{SecretRedaction.Describe(name)} is not a valid environment name (it is taken from the file name).",
                "rename the file to 2-10 lowercase letters or digits starting with a letter, e.g. env/dev.json."));
        }

        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (IOException ex)
        {
            return (null, [new(display, "$", $"cannot be read: {ex.Message}", "check that the file exists and is readable.")]);
        }

        JsonNode? root;
        try
        {
            // Duplicate keys are refused: with them, which value wins would be a parser detail.
            root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions
            {
                AllowDuplicateProperties = false,
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = false,
            });
        }
        catch (JsonException ex)
        {
            return (null, [.. problems, new(display, ex.Path ?? "$",
                $"is not valid JSON (line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}): {FirstSentence(ex.Message)}",
                "fix the JSON syntax; an editor that knows the $schema shows the error in place.")]);
        }
        if (root is not JsonObject)
        {
            return (null, [.. problems, new(display, "$", "must be a JSON object.", "start from env/dev.json.")]);
        }

        // Numbers beyond decimal's range (1e308) make the schema evaluator throw; no setting needs one.
        var outOfRange = OutOfRangeNumbers(root, "$").ToList();
        if (outOfRange.Count > 0)
        {
            return (null, [.. problems, .. outOfRange.Select(path => new ConfigurationProblem(display, path,
                "holds a number too large to be any setting.", "use a value in the range the setting documents (see env/environment.schema.json)."))]);
        }

        problems.AddRange(EnvironmentSchema.Validate(root, display));
        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var configuration = Materialize(root.AsObject(), name, display);
        problems.AddRange(ConfigurationRules.Check(configuration));
        return problems.Count > 0 ? (null, problems) : (configuration, []);
    }

    private static IEnumerable<string> OutOfRangeNumbers(JsonNode? node, string path) => node switch
    {
        JsonObject o => o.SelectMany(p => OutOfRangeNumbers(p.Value, path + "." + p.Key)),
        JsonArray a => a.SelectMany((n, i) => OutOfRangeNumbers(n, $"{path}[{i}]")),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && !v.TryGetValue<decimal>(out _) => [path],
        _ => [],
    };

    private static EnvironmentConfiguration Materialize(JsonObject root, string name, string display)
    {
        var copy = (JsonObject)root.DeepClone();
        copy.Remove("$schema");
        copy["name"] = name;
        copy["sourceFile"] = display;
        return copy.Deserialize<EnvironmentConfiguration>(SerializerOptions)
            ?? throw new InvalidOperationException($"{display} deserialized to nothing after passing the schema.");
    }

    /// <summary>Paths in messages are relative to the current directory when possible, as people type them.</summary>
    private static string DisplayPath(string file)
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), file);
        return relative.StartsWith("..", StringComparison.Ordinal) ? file : relative.Replace('\\', '/');
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }

    [GeneratedRegex("^[a-z][a-z0-9]{1,9}$")]
    private static partial Regex EnvironmentName();
}
