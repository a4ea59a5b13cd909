namespace Provisioning.Environments.Configuration;

/// <summary>One thing wrong with an environment file: where (file and JSON path), what, and how to fix it.</summary>
/// <remarks>
/// Every text passes through <see cref="SecretRedaction.Scrub"/>: whatever a rule echoes, a secret-shaped value never
/// reaches the console (the rules themselves use <see cref="SecretRedaction.Describe"/> for the values they quote).
/// </remarks>
public sealed record ConfigurationProblem(string File, string JsonPath, string Message, string Fix)
{
    public string JsonPath { get; init; } = SecretRedaction.Scrub(JsonPath);

    public string Message { get; init; } = SecretRedaction.Scrub(Message);

    public string Fix { get; init; } = SecretRedaction.Scrub(Fix);

    public override string ToString() => $"{File}: {JsonPath}: {Message} Fix: {Fix}";
}

/// <summary>Thrown when one or more environment files are invalid; carries every problem found, not just the first.</summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException(IReadOnlyList<ConfigurationProblem> problems)
        : base(string.Join('\n', problems))
    {
        Problems = problems;
    }

    public ConfigurationException()
        : this([])
    {
    }

    public ConfigurationException(string message)
        : base(message)
    {
        Problems = [];
    }

    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [];
    }

    public IReadOnlyList<ConfigurationProblem> Problems { get; } = [];
}
