using IceFarm.Broker;
using IceFarm.Contracts.Devices;
using IceFarm.Contracts.Evaluations;
using IceFarm.Contracts.Workers;
using IceFarm.Testing;
using IceFarm.WorkerAgent;
using IceFarm.WorkerAgent.Boards;
using IceFarm.WorkerAgent.Bus;
using IceFarm.WorkerAgent.Simulation;
using IceFarm.WorkerAgent.Workers;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IceFarm.Bench.Boards;

/// <summary>
/// The production worker (WorkerAgentApp: consumers, actors, evaluation engine) with simulated boards, on its own
/// RabbitMQ vhost; the bench plays the reservation service on that bus: it sends the worker's commands and observes
/// its events.
/// </summary>
internal sealed class BenchWorker : IAsyncDisposable
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromMinutes(3);

    private readonly IsolatedRabbitVhost _vhost;
    private readonly IBusControl _observer;
    private readonly WebApplication _app;
    private readonly ISendEndpoint _queue;

    private BenchWorker(IsolatedRabbitVhost vhost, IBusControl observer, WebApplication app, ISendEndpoint queue, OutcomeLog log, string name)
    {
        _vhost = vhost;
        _observer = observer;
        _app = app;
        _queue = queue;
        Log = log;
        Name = name;
    }

    public string Name { get; }

    public OutcomeLog Log { get; }

    /// <summary>The observer's bus, to send with (the bench's own publishing cost is measured through it).</summary>
    public IBus Bus => _observer;

    public IReadOnlyList<string> Serials => [.. _app.Services.GetRequiredService<BoardRegistry>().All.Select(a => a.Serial)];

    /// <summary>Starts the worker with <paramref name="boards"/> simulated boards; with <paramref name="timeline"/> their ports are tapped.</summary>
    public static async Task<BenchWorker> StartAsync(int boards, string profile, PortTimeline? timeline = null)
    {
        var servers = await TestServers.GetAsync();
        var vhost = await IsolatedRabbitVhost.CreateAsync(servers);
        var name = $"bench-{profile}-{Guid.NewGuid():N}"[..24];
        var log = new OutcomeLog();
        var observer = StartObserver(vhost.AmqpUri.ToString(), name, log);
        await observer.StartAsync().WaitAsync(StartDeadline);
        var app = WorkerAgentApp.Build([], b => Configure(b, timeline).Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:RabbitMq"] = vhost.AmqpUri.ToString(),
            ["Worker:Name"] = name,
            ["Worker:SimulatedBoards"] = boards.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Worker:SimulationProfile"] = profile,
            // No reservation service answers a drain here.
            ["Worker:DrainOnShutdown"] = "false",
            // No ReservationService answers the start-up ask here.
            ["Startup:AssignmentsTimeout"] = "00:00:01",
            ["Urls"] = "http://127.0.0.1:0",
            // Board state changes log at Information; the console would measure the terminal, not the worker.
            ["Serilog:MinimumLevel:Default"] = "Warning",
        }));
        await app.StartAsync().WaitAsync(StartDeadline);
        var registry = app.Services.GetRequiredService<BoardRegistry>();
        await Eventually.WaitForAsync(
            _ => Task.FromResult(registry.All.Count == boards && registry.All.All(a => a.Summary.State == DeviceState.Available) ? registry : null),
            StartDeadline, $"{boards} simulated boards available");
        var queue = await observer.GetSendEndpoint(WorkerQueues.AddressOf(name));
        return new BenchWorker(vhost, observer, app, queue, log, name);
    }

    /// <summary>Reserves every board for <paramref name="reservationId"/> with the pulse-count firmware and waits until each is ready.</summary>
    public async Task PrepareAllAsync(Guid reservationId, CancellationToken cancellationToken)
    {
        var serials = Serials;
        foreach (var serial in serials)
        {
            await _queue.Send(new PrepareDevice(reservationId, "bench", serial, "pulsecount", new Dictionary<string, string>()), cancellationToken);
        }

        await Log.UntilAsync(() => serials.All(s => Log.Initialized(reservationId, s)), StartDeadline, $"{serials.Count} boards prepared");
    }

    public Task SendAsync(EvaluateBitstream evaluation, CancellationToken cancellationToken) => _queue.Send(evaluation, cancellationToken);

    /// <summary>What <c>EvaluateBitstreamConsumer</c> does with a command, without the broker in between.</summary>
    public Task EnqueueDirect(EvaluateBitstream evaluation, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var actor = _app.Services.GetRequiredService<BoardRegistry>().Find(evaluation.Serial)
            ?? throw new InvalidOperationException($"board {evaluation.Serial} is not on worker {Name}");
        return actor.Enqueue(new EvaluateOnBoard(evaluation)) ? Task.CompletedTask : throw new InvalidOperationException($"board {evaluation.Serial} refused the evaluation");
    }

    public async ValueTask DisposeAsync()
    {
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await _app.StopAsync(stop.Token);
        }

        await _app.DisposeAsync();
        await _observer.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await _vhost.DisposeAsync();
        Log.Dispose();
    }

    /// <summary>The production registration of the simulated hardware, its serial ports seen through <see cref="PortTap"/>.</summary>
    private static WebApplicationBuilder Configure(WebApplicationBuilder builder, PortTimeline? timeline)
    {
        if (timeline is not null)
        {
            builder.Services.AddSingleton(sp =>
            {
                var (hardware, _) = BoardHardwareFactory.Simulated(
                    sp.GetRequiredService<IOptions<WorkerOptions>>().Value, sp.GetRequiredService<SimulatedSysfsRoot>().Path,
                    sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>());
                return hardware with { Transports = new PortTapFactory(hardware.Transports, timeline) };
            });
        }

        return builder;
    }

    private static IBusControl StartObserver(string amqp, string name, OutcomeLog log)
    {
        var address = RabbitMqAddress.Parse(amqp);
        return MassTransit.Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(address.Host, address.Port, address.VirtualHost, h =>
            {
                h.Username(address.Username);
                h.Password(address.Password);
            });
            cfg.ReceiveEndpoint($"{name}-observer", e =>
            {
                e.AutoDelete = true;
                e.Durable = false;
                e.Handler<DeviceInitialized>(c => Record(() => log.Record(c.Message)));
                e.Handler<EvaluationCompleted>(c => Record(() => log.Record(c.Message)));
                e.Handler<EvaluationFailed>(c => Record(() => log.Record(c.Message)));
            });
        });
    }

    private static Task Record(Action record)
    {
        record();
        return Task.CompletedTask;
    }
}
