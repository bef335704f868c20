using System.Threading.Channels;
using IceFarm.Contracts.Devices;
using IceFarm.Contracts.Workers;
using IceFarm.FarmData.Store;
using IceFarm.FarmData.Workers;
using IceFarm.Testing;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace IceFarm.ReservationService.Tests.Reconciliation;

/// <summary>
/// Plays one worker on the bus: consumes its command queue (recording every command), loses the PrepareDevice the test
/// tells it to, answers the others with DeviceInitialized, never acts on ReleaseDevice or RebootDevice, and sends heartbeats the test writes.
/// </summary>
internal sealed class FakeWorker : IAsyncDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly IServiceProvider _services;
    private readonly HostReceiveEndpointHandle _endpoint;
    private readonly Channel<object> _received = Channel.CreateUnbounded<object>();
    private DateTimeOffset _sentAt = TimeProvider.System.GetUtcNow();
    private int _preparesToLose;

    private FakeWorker(string name, IServiceProvider services)
    {
        Name = name;
        _services = services;
        _endpoint = services.GetRequiredService<IBus>().ConnectReceiveEndpoint(WorkerQueues.For(name), e =>
        {
            e.Handler<PrepareDevice>(async context =>
            {
                _received.Writer.TryWrite(context.Message);
                if (Interlocked.Decrement(ref _preparesToLose) >= 0)
                {
                    return;
                }

                var m = context.Message;
                await context.Publish(new DeviceInitialized(m.ReservationId, m.ClientId, Name, m.Serial, TimeProvider.System.GetUtcNow()));
            });
            e.Handler<RebootDevice>(context =>
            {
                // Recorded only: the test publishes what the worker reports once the board is back.
                _received.Writer.TryWrite(context.Message);
                return Task.CompletedTask;
            });
            e.Handler<ReleaseDevice>(context =>
            {
                // Never acted on: the test reports what the board does through the heartbeats it sends.
                _received.Writer.TryWrite(context.Message);
                return Task.CompletedTask;
            });
        });
    }

    public string Name { get; }

    public static async Task<FakeWorker> StartAsync(string name, IServiceProvider services)
    {
        var worker = new FakeWorker(name, services);
        await worker._endpoint.Ready.WaitAsync(Deadline);
        return worker;
    }

    public void LoseNextPrepare() => Interlocked.Exchange(ref _preparesToLose, 1);

    /// <summary>The next command the worker's queue delivered.</summary>
    public async Task<T> NextAsync<T>()
        where T : class
    {
        var next = await _received.Reader.ReadAsync().AsTask().WaitAsync(Deadline);
        return next as T ?? throw new InvalidOperationException($"Expected {typeof(T).Name}, the worker got {next}.");
    }

    /// <summary>Sends a heartbeat reporting <paramref name="boards"/> and waits until the service has applied it.</summary>
    public async Task HeartbeatAsync(params DeviceSummary[] boards)
    {
        _sentAt = _sentAt.AddSeconds(1);
        var sentAt = _sentAt;
        await _services.GetRequiredService<IBus>().Publish(new WorkerHeartbeat(Name, "test-1.0", ["pulsecount"], boards, false, sentAt)).WaitAsync(Deadline);
        await Eventually.WaitForAsync(async ct =>
        {
            await using var session = _services.GetRequiredService<IDocumentStore>().QuerySession();
            var liveness = await session.LoadAsync<WorkerLiveness>(StreamIds.Worker(Name), ct);
            return liveness?.LastSentAt == sentAt ? liveness : null;
        }, Deadline, $"heartbeat {sentAt:O} of {Name} applied");
    }

    /// <summary>
    /// Reports a board's state change stamped <paramref name="afterLastHeartbeat"/> after the last heartbeat's time, and
    /// waits until the service has recorded it.
    /// </summary>
    public async Task ReportAsync(string serial, DeviceState state, DeviceHealth health, string reason, TimeSpan afterLastHeartbeat)
    {
        await _services.GetRequiredService<IBus>().Publish(
            new DeviceStateChanged(Name, serial, state, health, reason, null, _sentAt + afterLastHeartbeat)).WaitAsync(Deadline);
        await Eventually.WaitForAsync(async ct =>
        {
            await using var session = _services.GetRequiredService<IDocumentStore>().QuerySession();
            var device = await session.LoadAsync<FarmData.Devices.DeviceView>(StreamIds.Device(serial), ct);
            return device?.Reason == reason ? device : null;
        }, Deadline, $"{serial} {state} ({reason}) from {Name} recorded");
    }

    public async ValueTask DisposeAsync() => await _endpoint.StopAsync().WaitAsync(Deadline);
}
