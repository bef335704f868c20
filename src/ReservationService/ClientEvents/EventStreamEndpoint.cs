using System.Globalization;
using System.Security.Claims;
using IceFarm.FarmData.Auth;
using IceFarm.FarmData.Limits;
using Microsoft.Extensions.Options;

namespace IceFarm.ReservationService.ClientEvents;

/// <summary><c>GET /api/v1/events</c>: the caller's events as server-sent events, resumable with Last-Event-ID.</summary>
internal static class EventStreamEndpoint
{
    public static IEndpointRouteBuilder MapClientEvents(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/events", StreamAsync).RequireAuthorization(FarmClaims.ClientPolicy).RequireRateLimiting(LimitPolicies.EventStream);
        return app;
    }

    private static async Task StreamAsync(HttpContext context, ClientEventHub hub, IOptions<ClientEventOptions> options, TimeProvider time)
    {
        var ct = context.RequestAborted;
        var clientId = context.User.FindFirstValue(FarmClaims.ClientId)!;
        long? after = long.TryParse(context.Request.Headers["Last-Event-ID"], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

        var (replay, subscription) = await hub.SubscribeAsync(clientId, after, ct);
        using var _ = subscription;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        // The comment tells the client the subscription exists before it acts (reserves, submits).
        await context.Response.WriteAsync(": connected\n\n", ct);
        await context.Response.Body.FlushAsync(ct);

        // Ids only grow on a stream: one the client has (it resumed on a replica that had not seen it yet) is not sent again.
        var sent = after ?? 0;
        await foreach (var item in replay.WithCancellation(ct))
        {
            if (item.Id > sent)
            {
                await WriteAsync(context.Response, item, ct);
                sent = item.Id;
            }
        }

        await context.Response.Body.FlushAsync(ct);
        var reader = subscription.Live;
        while (!ct.IsCancellationRequested)
        {
            using var idle = new CancellationTokenSource(options.Value.KeepAliveInterval, time);
            using var keepAlive = CancellationTokenSource.CreateLinkedTokenSource(ct, idle.Token);
            bool more;
            try
            {
                more = await reader.WaitToReadAsync(keepAlive.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                await context.Response.WriteAsync(": keep-alive\n\n", ct);
                await context.Response.Body.FlushAsync(ct);
                continue;
            }

            if (!more)
            {
                return; // fell too far behind; the client resumes from its last id
            }

            while (reader.TryRead(out var item))
            {
                if (item.Id > sent)
                {
                    await WriteAsync(context.Response, item, ct);
                    sent = item.Id;
                }
            }

            await context.Response.Body.FlushAsync(ct);
        }
    }

    private static Task WriteAsync(HttpResponse response, StreamEvent item, CancellationToken ct) =>
        response.WriteAsync($"id: {item.Id.ToString(CultureInfo.InvariantCulture)}\nevent: {item.Type}\ndata: {item.Data}\n\n", ct);
}
