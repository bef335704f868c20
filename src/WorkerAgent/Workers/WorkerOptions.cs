using System.Reflection;

namespace IceFarm.WorkerAgent.Workers;

/// <summary>Who this worker is and what it offers (configuration section <c>Worker</c>).</summary>
internal sealed class WorkerOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Worker";

    /// <summary>Unique worker name; its command queue is <c>worker-{Name}</c>. Defaults to the host name.</summary>
    public string Name { get; set; } = Environment.MachineName;

    /// <summary>Number of simulated boards; 0 means real USB boards.</summary>
    public int SimulatedBoards { get; set; }

    /// <summary>Reservation kinds this worker can serve; empty means all it knows (pulsecount, variance).</summary>
    /// <remarks>Empty rather than pre-filled because the configuration binder appends to a list it finds filled.</remarks>
    public List<string> Kinds { get; set; } = [];

    /// <summary>How often the heartbeat goes out.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Timing profile of simulated boards: <c>realistic</c> or <c>fast</c>.</summary>
    public string SimulationProfile { get; set; } = "realistic";

    /// <summary>Whether stopping (SIGTERM) drains the worker first; off only where a stop must look like a crash (tests of worker loss).</summary>
    public bool DrainOnShutdown { get; set; } = true;

    /// <summary>How long a drain on shutdown (SIGTERM) may take before the service force-ends the remaining leases.</summary>
    public TimeSpan DrainDeadline { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Extra wait after <see cref="DrainDeadline"/> for the service's force-end and its WorkerDrained to arrive.</summary>
    public TimeSpan DrainGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many commands the worker holds unacknowledged at once: every evaluation waiting on a board is one until its
    /// outcome is published, so a worker killed mid-run loses none of them. More wait in the queue, in order.
    /// </summary>
    public int CommandsInFlight { get; set; } = 1024;

    /// <summary>
    /// Bearer token of the simulated boards' fault-injection endpoint (<c>/faults/…</c> on the health port); unset (the
    /// default) leaves the endpoint out, and it is never there for real boards.
    /// </summary>
    public string? FaultInjectionToken { get; set; }

    /// <summary>Software version reported in heartbeats.</summary>
    public string Version { get; set; } = typeof(WorkerOptions).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
