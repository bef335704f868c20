namespace IceFarm.ReservationService.ClientEvents;

/// <summary>
/// A client feed's snapshot: what the writer fetches to hold the stream (<see cref="ClientFeedStore"/>), and what
/// retention leaves in place of expired events when it compacts the stream (<see cref="ClientEventRetention"/>).
/// </summary>
internal sealed class ClientFeedHistory
{
    public string Id { get; set; } = "";

    /// <summary>How many events the feed has had.</summary>
    public long Events { get; set; }

    public void Apply(ClientFeedEvent appended) => Events++;
}
