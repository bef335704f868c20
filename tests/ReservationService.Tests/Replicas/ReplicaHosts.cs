namespace IceFarm.ReservationService.Tests.Replicas;

/// <summary>Replicas that learn of each other's client events by notification only (the fallback poll is a day apart).</summary>
public sealed class NotifyingReplicasHost : ReservationServiceHost
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings { get; } = new Dictionary<string, string?>
    {
        ["ClientEvents:CrossReplicaPollInterval"] = "1.00:00:00",
    };
}

/// <summary>Replicas that do not LISTEN and learn of each other's client events by the fallback poll only.</summary>
public sealed class PollingReplicasHost : ReservationServiceHost
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings { get; } = new Dictionary<string, string?>
    {
        ["ClientEvents:ListenForOtherReplicas"] = "false",
        ["ClientEvents:CrossReplicaPollInterval"] = "00:00:00.200",
    };
}

/// <summary>A board's queue holds 4 evaluations.</summary>
public sealed class BoundedReplicasHost : ReservationServiceHost
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings { get; } = new Dictionary<string, string?>
    {
        ["Evaluations:MaxOpenPerBoard"] = "4",
    };
}

/// <summary>No safety-net tick (a day apart): a waiting client is served only when a replica is told boards are free.</summary>
public sealed class NoSafetyTickReplicasHost : ReservationServiceHost
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings { get; } = new Dictionary<string, string?>
    {
        ["Leases:CheckInterval"] = "1.00:00:00",
        ["Queue:PollInterval"] = "1.00:00:00",
    };
}
