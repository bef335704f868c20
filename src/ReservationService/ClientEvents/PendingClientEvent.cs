namespace IceFarm.ReservationService.ClientEvents;

/// <summary>An event waiting to be numbered and stored; <see cref="Stored"/> completes once it is durable and delivered.</summary>
internal sealed record PendingClientEvent(string ClientId, string Type, string Data)
{
    public TaskCompletionSource<StreamEvent> Stored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
