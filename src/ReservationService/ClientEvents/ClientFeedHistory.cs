namespace IceFarm.ReservationService.ClientEvents;

/// <summary>
/// What retention leaves in place of a client feed's expired events when it compacts the stream
/// (<see cref="ClientEventRetention"/>): how many there were.
/// </summary>
internal sealed class ClientFeedHistory
{
    public string Id { get; set; } = "";

    /// <summary>How many events the feed has had.</summary>
    public long Events { get; set; }

    public void Apply(ClientFeedEvent appended) => Events++;
}
