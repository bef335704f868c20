namespace IceFarm.Client.Tests.EventStreams;

/// <summary>
/// The two ways a farm says "subscribed" and "still here": older servers write SSE comments, newer ones (ASP.NET Core's
/// <c>TypedResults.ServerSentEvents</c>, which cannot write comments) id-less <c>connected</c>/<c>keep-alive</c> events.
/// </summary>
internal sealed record SseDialect(string Connected, string KeepAlive)
{
    public static readonly SseDialect Comments = new(": connected\n\n", ": keep-alive\n\n");

    // Literal names rather than StreamEventTypes, so that these tests also compile against an SDK without them.
    public static readonly SseDialect Events = new("event: connected\ndata: {}\n\n", "event: keep-alive\ndata: {}\n\n");

    public static SseDialect Named(string name) => name switch
    {
        "comments" => Comments,
        "events" => Events,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "comments or events"),
    };

    public static string Event(long id, string type, string json) => $"id: {id}\nevent: {type}\ndata: {json}\n\n";
}
