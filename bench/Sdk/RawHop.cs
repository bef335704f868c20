using System.Diagnostics;
using IceFarm.Broker;
using IceFarm.Contracts.Bitstreams;
using IceFarm.Testing;
using MassTransit;

namespace IceFarm.Bench.Sdk;

/// <summary>
/// The ceiling the farm is held to: one MassTransit/RabbitMQ hop for a bitstream-sized message, on the same broker and
/// machine, with nothing else around it. A producer sends N messages to one consumer's queue (default endpoint settings,
/// as the worker's) and the figure is messages per second from the first send to the last one consumed.
/// </summary>
internal static class RawHop
{
    /// <summary>
    /// Runs the hop with <paramref name="inFlight"/> sends awaiting the broker's confirm at a time; with
    /// <paramref name="throughHttp"/> each message first crosses HTTP (<see cref="HttpHopFront"/>), the sender waiting for its 202.
    /// </summary>
    public static async Task<RawHopResult> MeasureAsync(int messages, int inFlight, bool throughHttp = false)
    {
        var servers = await TestServers.GetAsync();
        await using var vhost = await IsolatedRabbitVhost.CreateAsync(servers);
        var address = RabbitMqAddress.Parse(vhost.AmqpUri.ToString());
        var received = 0;
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        long bodyBytes = 0;
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(address.Host, address.Port, address.VirtualHost, h =>
            {
                h.Username(address.Username);
                h.Password(address.Password);
            });
            cfg.ReceiveEndpoint("bench-raw-hop", e => e.Handler<HopMessage>(context =>
            {
                Interlocked.Exchange(ref bodyBytes, context.ReceiveContext.Body.Length ?? 0);
                if (Interlocked.Increment(ref received) == messages)
                {
                    all.TrySetResult();
                }

                return Task.CompletedTask;
            }));
        });
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await bus.StartAsync(stop.Token);
        try
        {
            var endpoint = await bus.GetSendEndpoint(new Uri("queue:bench-raw-hop"));
            await using var front = throughHttp ? await HttpHopFront.StartAsync(endpoint, stop.Token) : null;
            Func<byte[], CancellationToken, Task> send = front is null
                ? (body, ct) => endpoint.Send(new HopMessage(Guid.NewGuid(), body), ct)
                : front.PostAsync;
            var body = BitstreamGenerator.Generate(new CircuitDesign(1_000));
            // Warm-up: connections, channels, serializer.
            await SendAsync(send, body, Math.Min(50, messages), inFlight, stop.Token);
            await Eventually.WaitForAsync<object>(_ => Task.FromResult<object?>(Volatile.Read(ref received) >= Math.Min(50, messages) ? received : null),
                TimeSpan.FromMinutes(1), "the warm-up messages");
            Interlocked.Exchange(ref received, 0);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var machine = MachineCpu.Now();
            var started = Stopwatch.GetTimestamp();
            await SendAsync(send, body, messages, inFlight, stop.Token);
            var sent = Stopwatch.GetElapsedTime(started);
            await all.Task.WaitAsync(stop.Token);
            return new RawHopResult(messages, inFlight, sent, Stopwatch.GetElapsedTime(started), body.Length, Interlocked.Read(ref bodyBytes),
                Process.GetCurrentProcess().TotalProcessorTime - cpu, MachineCpu.Now() - machine);
        }
        finally
        {
            await bus.StopAsync(CancellationToken.None);
        }
    }

    private static async Task SendAsync(Func<byte[], CancellationToken, Task> send, byte[] body, int count, int inFlight, CancellationToken ct)
    {
        var pending = new List<Task>(inFlight);
        for (var i = 0; i < count; i++)
        {
            pending.Add(send(body, ct));
            if (pending.Count == inFlight)
            {
                await Task.WhenAll(pending);
                pending.Clear();
            }
        }

        await Task.WhenAll(pending);
    }
}
