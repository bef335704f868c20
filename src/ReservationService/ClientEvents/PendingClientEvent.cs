namespace IceFarm.ReservationService.ClientEvents;

/// <summary>
/// An event waiting to be appended to its client's stream; <see cref="Stored"/> completes once it is durable and delivered. An event
/// that ends an evaluation deletes its ticket in the same transaction, and is not stored (completes with null) if the
/// ticket was already gone: the evaluation had ended before.
/// </summary>
internal sealed record PendingClientEvent(string ClientId, string Type, string Data, ClosingClaim? Closes = null)
{
    public TaskCompletionSource<StreamEvent?> Stored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
