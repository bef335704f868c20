using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using IceFarm.Contracts.Http;
using IceFarm.FarmData.Auth;
using IceFarm.FarmData.Limits;
using Microsoft.Extensions.Options;

namespace IceFarm.ReservationService.ClientEvents;

/// <summary>
/// <c>GET /api/v1/events</c>: the caller's events as server-sent events, resumable with Last-Event-ID. The stream opens
/// with <c>connected</c> (the subscription exists: the client may act now) and, while idle, sends <c>keep-alive</c>;
/// neither carries an id.
/// </summary>
internal static class EventStreamEndpoint
{
    private const string Empty = "{}";

    public static IEndpointRouteBuilder MapClientEvents(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/events", StreamAsync).RequireAuthorization(FarmClaims.ClientPolicy).RequireRateLimiting(LimitPolicies.EventStream);
        return app;
    }

    private static async Task<IResult> StreamAsync(HttpContext context, ClientEventHub hub, IOptions<ClientEventOptions> options, TimeProvider time)
    {
        var ct = context.RequestAborted;
        var clientId = context.User.FindFirstValue(FarmClaims.ClientId)!;
        long? after = long.TryParse(context.Request.Headers["Last-Event-ID"], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

        // Subscribed before the response starts: a database outage still gets its 503, and "connected" is true when sent.
        var (replay, subscription, from) = await hub.SubscribeAsync(clientId, after, ct);
        context.Response.RegisterForDispose(subscription);
        context.Response.Headers["X-Accel-Buffering"] = "no";
        return TypedResults.ServerSentEvents(ItemsAsync(replay, subscription, from, options.Value.KeepAliveInterval, time, ct));
    }

    private static async IAsyncEnumerable<SseItem<string>> ItemsAsync(
        IAsyncEnumerable<StreamEvent> replay, Subscription subscription, long sent, TimeSpan keepAlive, TimeProvider time,
        [EnumeratorCancellation] CancellationToken ct)
    {
        yield return new SseItem<string>(Empty, StreamEventTypes.Connected);

        // Ids only grow on a stream: one the client has (it resumed on a replica that had not seen it yet) is not sent again.
        await foreach (var item in replay.WithCancellation(ct))
        {
            if (item.Id > sent)
            {
                sent = item.Id;
                yield return Item(item);
            }
        }

        var reader = subscription.Live;
        while (true)
        {
            switch (await WaitAsync(reader, keepAlive, time, ct))
            {
                case Wait.Idle:
                    yield return new SseItem<string>(Empty, StreamEventTypes.KeepAlive);
                    continue;
                case Wait.Ended:
                    yield break; // the client left, or it fell too far behind and resumes from its last id
            }

            while (reader.TryRead(out var item))
            {
                if (item.Id > sent)
                {
                    sent = item.Id;
                    yield return Item(item);
                }
            }
        }
    }

    private static SseItem<string> Item(StreamEvent item) =>
        new(item.Data, item.Type) { EventId = item.Id.ToString(CultureInfo.InvariantCulture) };

    private static async Task<Wait> WaitAsync(System.Threading.Channels.ChannelReader<StreamEvent> reader, TimeSpan keepAlive, TimeProvider time, CancellationToken ct)
    {
        using var idle = new CancellationTokenSource(keepAlive, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(ct, idle.Token);
        try
        {
            return await reader.WaitToReadAsync(either.Token) ? Wait.More : Wait.Ended;
        }
        catch (OperationCanceledException)
        {
            return ct.IsCancellationRequested ? Wait.Ended : Wait.Idle;
        }
    }

    private enum Wait
    {
        More,
        Idle,
        Ended,
    }
}
