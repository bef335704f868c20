namespace IceFarm.ReservationService.Drain;

/// <summary>
/// What the drain saga does to the rest of the farm. A seam so the state machine is specified on MassTransit's in-memory
/// harness; <see cref="MartenDrainActions"/> is the real one.
/// </summary>
internal interface IDrainActions
{
    /// <summary>Marks the worker draining (committed with the saga); false when the worker is unknown.</summary>
    Task<bool> MarkDrainingAsync(DrainState drain, CancellationToken ct);

    /// <summary>The active reservations holding boards of the worker now.</summary>
    Task<IReadOnlyList<Guid>> FindHoldingAsync(string worker, CancellationToken ct);

    /// <summary>Ends the reservations with reason <c>Drained</c>; returns those this call ended.</summary>
    Task<IReadOnlyList<Guid>> ForceEndAsync(IReadOnlyList<Guid> reservations, CancellationToken ct);

    /// <summary>Records the worker drained (committed with the saga).</summary>
    Task MarkDrainedAsync(DrainState drain, CancellationToken ct);

    /// <summary>True when the worker is known and no longer marked draining: an operator returned it to service.</summary>
    Task<bool> IsOverruledAsync(DrainState drain, CancellationToken ct);

    /// <summary>Stores the operators' view of the drain (committed with the saga).</summary>
    void Record(DrainState drain, bool finished);
}
