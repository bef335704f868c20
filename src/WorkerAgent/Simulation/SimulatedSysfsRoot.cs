namespace IceFarm.WorkerAgent.Simulation;

/// <summary>A temporary directory standing for <c>/</c> of the simulated host; deleted with the worker.</summary>
internal sealed class SimulatedSysfsRoot : IDisposable
{
    /// <summary>Creates a fresh directory under the system temp dir.</summary>
    public SimulatedSysfsRoot(string label)
    {
        Path = System.IO.Path.Join(System.IO.Path.GetTempPath(), $"icefarm-sim-{label}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    /// <summary>The directory.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
