using System.CommandLine;

namespace Provisioning.Cli.Commands;

/// <summary>Placeholder until its issue lands.</summary>
internal static class ProbeCommand
{
    public static Command Create()
    {
        var command = new Command("probe", "Not implemented yet.");
        command.SetAction(_ => ExitCodes.CheckFailed);
        return command;
    }
}
