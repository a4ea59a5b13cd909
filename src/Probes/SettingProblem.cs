namespace Provisioning.Probes;

/// <summary>One missing or malformed setting: which one and how to fix it.</summary>
public sealed record SettingProblem(string Name, string Message)
{
    public override string ToString() => $"{Name}: {Message}";
}
