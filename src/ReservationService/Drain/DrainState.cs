using MassTransit;

namespace IceFarm.ReservationService.Drain;

/// <summary>
/// The drain saga of one worker, stored in Marten (id = <see cref="DrainIds.For"/> of the worker). Its deadline lives
/// here, so <see cref="DrainMonitor"/> fires it from the store after a restart.
/// </summary>
internal sealed class DrainState : SagaStateMachineInstance
{
    public Guid CorrelationId { get; set; }

    public string CurrentState { get; set; } = "";

    /// <summary>Marten's optimistic-concurrency version: two messages racing on one drain cannot both commit.</summary>
    [Marten.Schema.Version]
    public Guid Version { get; set; }

    public string Worker { get; set; } = "";

    public DateTimeOffset Deadline { get; set; }

    public string RequestedBy { get; set; } = "";

    public DateTimeOffset StartedAt { get; set; }

    /// <summary>When the drain was asked for (the request's send time): a return to service after it overrules it.</summary>
    public DateTimeOffset RequestedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>False when no heartbeat ever announced the worker: nothing to mark, the drain finishes at once.</summary>
    public bool WorkerKnown { get; set; }

    /// <summary>Active reservations holding boards of the worker, as last counted.</summary>
    public List<Guid> Remaining { get; set; } = [];

    /// <summary>An operator returned the worker to service while it drained: the drain ended without force-ending anything.</summary>
    public bool Cancelled { get; set; }

    /// <summary>Reservations that the deadline ended (reason <c>Drained</c>).</summary>
    public List<Guid> ForceEnded { get; set; } = [];
}
