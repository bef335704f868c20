using System.Text.Json;
using System.Threading.Channels;
using IceFarm.Client.Events;
using IceFarm.Client.Internal;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace IceFarm.Client.Tests.EventStreams;

/// <summary>
/// The SDK reads the event stream of both server generations: comments (<c>: connected</c>, <c>: keep-alive</c>) and
/// id-less <c>connected</c>/<c>keep-alive</c> events. Either confirms the subscription, keeps the connection from being
/// declared idle, and is never delivered nor used as a resume point.
/// </summary>
public sealed class ServerDialectTests
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(10);

    [Theory(Timeout = 60_000)]
    [InlineData("comments")]
    [InlineData("events")]
    public async Task Keep_alives_hold_the_stream_open_and_are_neither_delivered_nor_resumed_from(string dialectName)
    {
        var dialect = SseDialect.Named(dialectName);
        await using var server = await ScriptedEventServer.StartAsync();
        var clock = new FakeTimeProvider();
        using var handler = new ObservingHandler();
        using var client = Client(server, handler, clock);
        using var stop = new CancellationTokenSource(Timeouts.Long);
        var delivered = Channel.CreateUnbounded<FarmEvent>();
        var watching = Task.Run(async () =>
        {
            await foreach (var e in client.WatchAsync(null, stop.Token))
            {
                await delivered.Writer.WriteAsync(e, stop.Token);
            }
        });

        var first = await server.ConnectionAsync(0).Within();
        Assert.Null(first.LastEventId);
        first.Send(dialect.Connected);
        first.Send(dialect.KeepAlive);
        first.Send(SseDialect.Event(1, "device-ready", """{"reservationId":"6f1c2a9e-0000-4000-8000-000000000001","serial":"A1"}"""));
        first.Send(dialect.KeepAlive);
        first.Send(SseDialect.Event(2, "result", """{"pulses":5}"""));
        Assert.Equal(1, (await NextAsync(delivered)).Id);
        Assert.Equal(2, (await NextAsync(delivered)).Id);

        // 12 s of the 10 s idle timeout pass with only keep-alives: each one restarts the timer.
        first.Send(dialect.KeepAlive);
        await handler.ConsumedAsync(0, first);
        clock.Advance(TimeSpan.FromSeconds(6));
        first.Send(dialect.KeepAlive);
        await handler.ConsumedAsync(0, first);
        clock.Advance(TimeSpan.FromSeconds(6));
        first.Send(SseDialect.Event(3, "result", """{"pulses":6}"""));
        var next = NextAsync(delivered);
        var reconnected = server.ConnectionAsync(1);
        Assert.Same(next, await Task.WhenAny(next, reconnected).Within());
        Assert.Equal(3, (await next).Id);
        Assert.Equal(1, server.Opened);

        // Silence past the timeout: the client resumes after the last event with an id, whatever keep-alives followed it.
        first.Send(dialect.KeepAlive);
        await handler.ConsumedAsync(0, first);
        clock.Advance(Idle + TimeSpan.FromSeconds(1));
        var second = await reconnected.Within();
        Assert.Equal("3", second.LastEventId);
        second.Send(dialect.Connected);
        second.Send(SseDialect.Event(4, "result", """{"pulses":7}"""));
        var last = await NextAsync(delivered);
        Assert.Equal((4L, "result"), (last.Id, last.Type));
        Assert.Equal(7, last.Data.GetProperty("pulses").GetInt32());

        await stop.CancelAsync();
        await watching.ContinueWith(static _ => { }, TaskScheduler.Default).Within();
        Assert.True(watching.IsCompletedSuccessfully || watching.IsCanceled || watching.Exception?.InnerException is OperationCanceledException, watching.Exception?.ToString());
        Assert.False(delivered.Reader.TryRead(out var extra), $"unexpected {extra?.Type} {extra?.Id}");
    }

    [Theory(Timeout = 60_000)]
    [InlineData("comments")]
    [InlineData("events")]
    public async Task The_stream_opens_on_the_farms_confirmation_and_reads_only_its_events(string dialectName)
    {
        var dialect = SseDialect.Named(dialectName);
        await using var server = await ScriptedEventServer.StartAsync();
        using var handler = new ObservingHandler();
        using var client = Client(server, handler, TimeProvider.System);
        var opening = client.OpenEventsAsync(41);

        // The client has the headers and waits on the body: the subscription is not confirmed yet.
        var connection = await server.ConnectionAsync(0).Within();
        Assert.Equal("41", connection.LastEventId);
        await handler.ConsumedAsync(0, connection);
        Assert.False(opening.IsCompleted);

        connection.Send(dialect.Connected);
        await using var stream = await opening.Within();
        connection.Send(dialect.KeepAlive);
        connection.Send(SseDialect.Event(42, "device-ready", """{"reservationId":"6f1c2a9e-0000-4000-8000-000000000001","serial":"B7"}"""));
        connection.Send(dialect.KeepAlive);
        connection.Send(SseDialect.Event(43, "reservation-ended", """{"reservationId":"6f1c2a9e-0000-4000-8000-000000000001","reason":"expired"}"""));
        connection.Send(dialect.KeepAlive);
        connection.End();

        // A reader may stop and read on later (the service's tests read the stream a few events at a time).
        var events = new List<FarmEvent>();
        await foreach (var e in stream.ReadAllAsync())
        {
            events.Add(e);
            break;
        }

        events.AddRange(await stream.ReadAllAsync().CollectAsync(Timeouts.Short));
        Assert.Equal(new[] { (42L, "device-ready"), (43L, "reservation-ended") }, events.Select(e => (e.Id, e.Type)));
        Assert.Equal(43, stream.LastEventId);
        var ready = events[0].Data.Deserialize(FarmJsonContext.Default.DeviceReadyEvent);
        Assert.Equal("B7", ready?.Serial);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_stream_that_ends_before_the_confirmation_fails_to_open()
    {
        await using var server = await ScriptedEventServer.StartAsync();
        using var handler = new ObservingHandler();
        using var client = Client(server, handler, TimeProvider.System);
        var opening = client.OpenEventsAsync(null);
        (await server.ConnectionAsync(0).Within()).End();
        await Assert.ThrowsAsync<IOException>(() => opening.Within());
    }

    private static FarmClient Client(ScriptedEventServer server, ObservingHandler handler, TimeProvider time) =>
        new(new HttpClient(handler, disposeHandler: false), new FarmClientOptions
        {
            BaseAddress = server.Address,
            Token = "dialect-test",
            EventStreamIdleTimeout = Idle,
            TimeProvider = time,
            MaxRetryTime = TimeSpan.Zero,
        });

    private static Task<FarmEvent> NextAsync(Channel<FarmEvent> delivered) => delivered.Reader.ReadAsync().AsTask().Within();
}
