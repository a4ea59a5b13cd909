using Provisioning.Cli;

return await CliApplication.InvokeAsync(args).ConfigureAwait(false);
