using BenchmarkDotNet.Running;

// Usage: dotnet run -c Release --project bench/Database.Benchmarks [-- --filter '*']
// Uses PROVISIONING_TEST_POSTGRES when set, otherwise starts a throwaway PostgreSQL like the tests do;
// PROVISIONING_BUNDLE may point at an already built bundle.
BenchmarkSwitcher.FromAssembly(typeof(Provisioning.Database.Benchmarks.MigrationBundleBenchmarks).Assembly).Run(args.Length == 0 ? ["--filter", "*"] : args);
