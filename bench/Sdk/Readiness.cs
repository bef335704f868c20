namespace IceFarm.Bench.Sdk;

/// <summary>How long a reservation's boards took to become ready (flashing included), and the process's CPU meanwhile.</summary>
internal sealed record Readiness(TimeSpan Wall, TimeSpan Cpu)
{
    public string Describe(int boards) => $"{boards} boards ready {Wall.TotalSeconds:F2} s after the request, CPU {Cpu.TotalSeconds:F2} s";
}
