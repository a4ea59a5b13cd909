using System.CommandLine;

namespace Provisioning.Cli.Commands;

/// <summary>Placeholder until its issue lands.</summary>
internal static class VerifyDatabaseCommand
{
    public static Command Create()
    {
        var command = new Command("verify-db", "Not implemented yet.");
        command.SetAction(_ => ExitCodes.CheckFailed);
        return command;
    }
}
