// IceFarm benchmarks. Each suite prints its own figures; `--suite` picks them (default: all).
// Usage: dotnet run -c Release --project bench -- [--suite farm,boards,sdk] [--boards 1000,10000] [--clients 100] [--reservations 2000]
using IceFarm.Bench;
using IceFarm.Bench.Boards;
using IceFarm.Bench.Farm;
using IceFarm.Bench.Sdk;

var options = BenchOptions.Parse(args);
Console.WriteLine($"IceFarm bench: {Environment.ProcessorCount} cores, suites {string.Join(',', options.Suites)}");
if (options.Runs("farm"))
{
    await FarmSuite.RunAsync(options);
}

if (options.Runs("boards"))
{
    await BoardsSuite.RunAsync(options);
}

if (options.Runs("sdk"))
{
    await SdkSuite.RunAsync(options);
}
