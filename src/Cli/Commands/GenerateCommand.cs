using System.CommandLine;

namespace Provisioning.Cli.Commands;

internal static class GenerateCommand
{
    public static RootCommand CreateRoot()
    {
        var root = new RootCommand("Generates the Bicep for every environment from env/<env>.json and checks deployed environments.");
        root.SetAction(_ => ExitCodes.Success);
        return root;
    }

    public static Command Create()
    {
        var command = new Command("generate", "Regenerates generated/<env>/ from env/<env>.json.");
        command.SetAction(_ => ExitCodes.Success);
        return command;
    }
}
