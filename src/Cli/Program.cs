using System.CommandLine;
using Provisioning.Cli.Commands;

// `dotnet run --project src/Cli` with no command regenerates every environment:
// that is the one thing people run most, so it needs no arguments.
var root = GenerateCommand.CreateRoot();
root.Subcommands.Add(GenerateCommand.Create());
root.Subcommands.Add(VerifyDatabaseCommand.Create());
root.Subcommands.Add(ProbeCommand.Create());
root.Subcommands.Add(LocalCommand.Create());
root.Subcommands.Add(PlanCommand.Create());
root.Subcommands.Add(DiffCommand.Create());
root.Subcommands.Add(EstimateCommand.Create());
root.Subcommands.Add(SecretsCommand.Create());

return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
