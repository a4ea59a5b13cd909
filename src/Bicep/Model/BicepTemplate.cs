using System.Collections.Immutable;
using Provisioning.Bicep.Syntax;
using Provisioning.Bicep.Validation;

namespace Provisioning.Bicep.Model;

/// <summary>
/// Collects the declarations of one .bicep file in the order they are added, then validates and freezes them
/// into a <see cref="BicepFile"/>. Nothing is written anywhere: callers print the file with the writer only
/// after <see cref="Build"/> succeeded, so an invalid model never produces a half-written template.
/// </summary>
public sealed class BicepTemplate
{
    private readonly List<Parameter> _parameters = [];
    private readonly List<Variable> _variables = [];
    private readonly List<Resource> _resources = [];
    private readonly List<Output> _outputs = [];

    public IReadOnlyList<Parameter> Parameters => _parameters;

    public IReadOnlyList<Variable> Variables => _variables;

    public IReadOnlyList<Resource> Resources => _resources;

    public IReadOnlyList<Output> Outputs => _outputs;

    public Parameter Add(Parameter parameter)
    {
        _parameters.Add(parameter);
        return parameter;
    }

    public Variable Add(Variable variable)
    {
        _variables.Add(variable);
        return variable;
    }

    public T Add<T>(T resource) where T : Resource
    {
        _resources.Add(resource);
        return resource;
    }

    public Output Add(Output output)
    {
        _outputs.Add(output);
        return output;
    }

    /// <summary>Validates every declaration and returns the immutable file; throws with all problems at once.</summary>
    /// <exception cref="BicepValidationException">The model breaks one or more rules.</exception>
    public BicepFile Build()
    {
        var file = new BicepFile(
        [
            .. _parameters.Select(p => (BicepStatement)p.ToStatement()),
            .. _variables.Select(v => (BicepStatement)v.ToStatement()),
            .. _resources.Select(r => (BicepStatement)r.ToStatement()),
            .. _outputs.Select(o => (BicepStatement)o.ToStatement()),
        ]);
        var problems = TemplateValidator.Validate(file, _resources);
        if (problems.Count > 0)
        {
            throw new BicepValidationException(problems);
        }
        return file;
    }
}
