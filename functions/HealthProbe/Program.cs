using Microsoft.Extensions.Hosting;
using Provisioning.HealthProbe;

// Fails before the host starts when any setting is missing: one message listing all of them.
using var host = HealthProbeHost.CreateBuilder(Environment.GetEnvironmentVariable).Build();
await host.RunAsync().ConfigureAwait(false);
