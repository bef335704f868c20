namespace IceFarm.Testing.Farm;

/// <summary>One worker of a <see cref="TestFarm"/>: its name and the settings it has over the farm's.</summary>
internal sealed record TestFarmWorker(string Name, IReadOnlyDictionary<string, string?> Settings);
