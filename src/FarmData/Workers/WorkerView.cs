namespace IceFarm.FarmData.Workers;

/// <summary>A worker as operators see it; id is the stream id <c>worker-{name}</c>. Liveness lives in <see cref="WorkerLiveness"/>.</summary>
internal sealed class WorkerView
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Host { get; set; }
    public string Version { get; set; } = "";
    public List<string> Kinds { get; set; } = [];
    public bool Online { get; set; }
    public bool Draining { get; set; }

    /// <summary>Set when a drain finished; the worker stays draining until it comes online again as a new process.</summary>
    public DateTimeOffset? DrainedAt { get; set; }
    public DateTimeOffset Since { get; set; }

    /// <summary>Out of service by an operator's decision until one returns it: unlike a drain, a restart does not end it.</summary>
    public bool Maintenance { get; set; }
    public string? MaintenanceBy { get; set; }
    public string? MaintenanceReason { get; set; }
    public DateTimeOffset? MaintenanceSince { get; set; }

    /// <summary>When an operator last returned it to service: a drain asked for before that no longer applies.</summary>
    public DateTimeOffset? ReturnedAt { get; set; }

    /// <summary>Whether new reservations may land on it; the LINQ queries spell this out, as Marten cannot translate it.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool TakesReservations => Online && !Draining && !Maintenance;
    public DateTimeOffset? OfflineSince { get; set; }
    public string? OfflineReason { get; set; }
}
