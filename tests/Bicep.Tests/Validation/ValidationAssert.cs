using Provisioning.Bicep.Model;
using Provisioning.Bicep.Validation;

namespace Provisioning.Bicep.Tests.Validation;

internal static class ValidationAssert
{
    /// <summary>Builds the template, expecting it to fail, and returns every problem found.</summary>
    public static IReadOnlyList<ValidationProblem> Problems(BicepTemplate template)
    {
        var exception = Assert.ThrowsExactly<BicepValidationException>(() => template.Build());
        Assert.IsNotEmpty(exception.Problems);
        return exception.Problems;
    }

    /// <summary>The single problem of a template, with declaration, property path and the words the message must hold.</summary>
    public static ValidationProblem Single(BicepTemplate template, string declaration, string path, params string[] messageParts)
    {
        var problems = Problems(template);
        Assert.HasCount(1, problems, string.Join('\n', problems));
        var problem = problems[0];
        Assert.AreEqual(declaration, problem.Declaration);
        Assert.AreEqual(path, problem.PropertyPath);
        foreach (var part in messageParts)
        {
            Assert.Contains(part, problem.Message, $"'{part}' missing from: {problem}");
        }
        return problem;
    }
}
