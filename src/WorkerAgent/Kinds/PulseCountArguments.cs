namespace IceFarm.WorkerAgent.Kinds;

/// <summary><c>pulsecount</c> takes no arguments.</summary>
internal sealed record PulseCountArguments : KindArguments
{
    /// <summary>The only value.</summary>
    public static PulseCountArguments Instance { get; } = new();
}
