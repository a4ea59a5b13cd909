using BenchmarkDotNet.Running;

// Usage: dotnet run -c Release --project bench/Database.Benchmarks [-- --filter '*']
// Starts a throwaway PostgreSQL (16 unless PROVISIONING_POSTGRES_VERSION says otherwise) like the tests do;
// PROVISIONING_BUNDLE may point at an already built bundle.
BenchmarkSwitcher.FromAssembly(typeof(Provisioning.Database.Benchmarks.MigrationBundleBenchmarks).Assembly).Run(args.Length == 0 ? ["--filter", "*"] : args);
