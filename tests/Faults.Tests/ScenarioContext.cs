namespace IceFarm.Faults.Tests;

/// <summary>What a scenario's fault acts on: the farm's processes, its broker node, and the client load.</summary>
internal sealed record ScenarioContext(ProcessFarm Farm, CliLoad Load, FaultSuiteOptions Options);
