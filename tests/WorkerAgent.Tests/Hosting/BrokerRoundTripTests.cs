using System.Collections.Concurrent;
using IceFarm.Contracts.Bitstreams;
using IceFarm.Contracts.Devices;
using IceFarm.Contracts.Evaluations;
using IceFarm.Contracts.Workers;
using IceFarm.Broker;
using IceFarm.WorkerAgent.Bus;
using MassTransit;
using Microsoft.Extensions.Configuration;

namespace IceFarm.WorkerAgent.Tests.Hosting;

/// <summary>
/// The worker over the real RabbitMQ that the build starts (ICEFARM_TEST_RABBITMQ, docs/build-and-infra.md):
/// heartbeat out, PrepareDevice and EvaluateBitstream in on worker-{name}, results out by message type.
/// </summary>
public sealed class BrokerRoundTripTests
{
    private static readonly string Broker =
        Environment.GetEnvironmentVariable("ICEFARM_TEST_RABBITMQ") ?? "amqp://icefarm:icefarm@127.0.0.1:5672/";

    [Fact]
    public async Task Worker_ServesAReservationOverRabbitMq()
    {
        var name = $"rt-{Guid.NewGuid():N}"[..20];
        var seen = new ConcurrentQueue<object>();
        using var broker = BrokerConnection.Create(Broker);
        var observer = MassTransit.Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            broker.ConfigureHost(cfg);
            cfg.ReceiveEndpoint($"{name}-observer", e =>
            {
                e.AutoDelete = true;
                e.Durable = false;
                e.Handler<WorkerHeartbeat>(c => Record(seen, c.Message));
                e.Handler<DeviceInitialized>(c => Record(seen, c.Message));
                e.Handler<EvaluationCompleted>(c => Record(seen, c.Message));
            });
        });
        await observer.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await using var app = WorkerAgentApp.Build([], b => b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:RabbitMq"] = Broker,
            ["Worker:Name"] = name,
            // Nobody answers the drain here (no ReservationService): keep the stop short.
            ["Worker:DrainDeadline"] = "00:00:01",
            ["Worker:DrainGrace"] = "00:00:00",
            ["Worker:SimulatedBoards"] = "1",
            ["Worker:SimulationProfile"] = "fast",
            ["Worker:HeartbeatInterval"] = "00:00:01",
            // No ReservationService answers the start-up ask in this test.
            ["Startup:AssignmentsTimeout"] = "00:00:01",
            ["Urls"] = "http://127.0.0.1:0",
        }));
        try
        {
            await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
            var beat = await WaitForAsync<WorkerHeartbeat>(seen, h => h.Worker == name && h.Devices.Count == 1 && h.Devices[0].State == DeviceState.Available);
            var serial = beat.Devices[0].Serial;
            var reservation = Guid.NewGuid();
            var queue = await observer.GetSendEndpoint(WorkerQueues.AddressOf(name));

            await queue.Send(new PrepareDevice(reservation, "client-rt", serial, "pulsecount", new Dictionary<string, string>()));
            await WaitForAsync<DeviceInitialized>(seen, d => d.ReservationId == reservation);
            var evaluation = new EvaluateBitstream(
                reservation, "client-rt", Guid.NewGuid(), Guid.NewGuid(), serial, "2khz.bin", BitstreamGenerator.Generate(new CircuitDesign(2000)));
            await queue.Send(evaluation);
            var result = await WaitForAsync<EvaluationCompleted>(seen, r => r.EvaluationId == evaluation.EvaluationId);

            Assert.Equal(name, result.Worker);
            Assert.InRange(result.Value.Pulses!.Value, 1994, 2000);
        }
        finally
        {
            await app.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
            await observer.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    private static Task Record(ConcurrentQueue<object> seen, object message)
    {
        seen.Enqueue(message);
        return Task.CompletedTask;
    }

    private static async Task<T> WaitForAsync<T>(ConcurrentQueue<object> seen, Func<T, bool> match)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            if (seen.OfType<T>().FirstOrDefault(match) is { } found)
            {
                return found;
            }

            // Polling a queue filled by the bus's own threads; the bound above keeps it from hanging.
            await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
        }
    }
}
