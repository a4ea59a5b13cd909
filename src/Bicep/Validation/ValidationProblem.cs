namespace Provisioning.Bicep.Validation;

/// <summary>One broken rule: which declaration, which property (a path such as <c>properties.template.containers[0].env[1].value</c>), and what to do.</summary>
public sealed record ValidationProblem(string Declaration, string PropertyPath, string Message)
{
    public override string ToString() =>
        string.IsNullOrEmpty(PropertyPath) ? $"{Declaration}: {Message}" : $"{Declaration}, {PropertyPath}: {Message}";
}

/// <summary>Thrown by <see cref="Model.BicepTemplate.Build"/> with every problem found, before anything is written.</summary>
public sealed class BicepValidationException : Exception
{
    public BicepValidationException(IReadOnlyList<ValidationProblem> problems)
        : base("The Bicep model is invalid:\n" + string.Join('\n', problems.Select(p => "  - " + p)))
    {
        Problems = problems;
    }

    public BicepValidationException()
        : this([])
    {
    }

    public BicepValidationException(string message)
        : base(message)
    {
        Problems = [];
    }

    public BicepValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [];
    }

    public IReadOnlyList<ValidationProblem> Problems { get; } = [];
}
