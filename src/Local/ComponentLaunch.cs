namespace Provisioning.Local;

/// <summary>How to run one component's process: the command, where it answers, and its complete set of variables.</summary>
internal sealed record ComponentLaunch(
    string Component,
    string FileName,
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    int Port,
    string HealthPath,
    IReadOnlyDictionary<string, string> Variables,
    string LogPath);
