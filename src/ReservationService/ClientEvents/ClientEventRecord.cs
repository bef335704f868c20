namespace IceFarm.ReservationService.ClientEvents;

/// <summary>A client's event as stored for resumption; the id <c>{client}/{seq}</c> makes a retried write idempotent.</summary>
internal sealed class ClientEventRecord
{
    public string Id { get; set; } = "";
    public string ClientId { get; set; } = "";
    public long Seq { get; set; }
    public string Type { get; set; } = "";
    public string Data { get; set; } = "";
    public DateTimeOffset At { get; set; }

    public static string IdOf(string clientId, long seq) => $"{clientId}/{seq:D19}";
}
