using IceFarm.Contracts.Devices;
using IceFarm.Contracts.Evaluations;
using IceFarm.WorkerAgent.Boards;
using IceFarm.WorkerAgent.Bus;
using IceFarm.WorkerAgent.Startup;
using IceFarm.WorkerAgent.Workers;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IceFarm.WorkerAgent.Tests.Bus;

/// <summary>The consumers on MassTransit's in-memory harness, for boards this worker does not own.</summary>
public sealed class ConsumerTests
{
    [Fact]
    public async Task EvaluateForAnUnknownBoard_FailsAsInfrastructureWithTheWorkersName()
    {
        await using var provider = BuildProvider();
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var command = new EvaluateBitstream(Guid.NewGuid(), "client-1", Guid.NewGuid(), Guid.NewGuid(), "0000000000000000", "a.bin", new byte[16]);

        await harness.Bus.Publish(command);

        Assert.True(await harness.Published.Any<EvaluationFailed>().WaitAsync(TimeSpan.FromSeconds(10)));
        var failed = harness.Published.Select<EvaluationFailed>().Single().Context.Message;
        Assert.Equal(command.EvaluationId, failed.EvaluationId);
        Assert.Equal(FailureCategory.Infrastructure, failed.Category);
        Assert.Equal("consumer-worker", failed.Worker);
    }

    [Fact]
    public async Task PrepareForAnUnknownBoard_ReportsItOfflineForTheReservation()
    {
        await using var provider = BuildProvider();
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var command = new PrepareDevice(Guid.NewGuid(), "client-1", "0000000000000000", "pulsecount", new Dictionary<string, string>());

        await harness.Bus.Publish(command);

        Assert.True(await harness.Published.Any<DeviceStateChanged>().WaitAsync(TimeSpan.FromSeconds(10)));
        var changed = harness.Published.Select<DeviceStateChanged>().Single().Context.Message;
        Assert.Equal(DeviceState.Offline, changed.State);
        Assert.Equal(command.ReservationId, changed.ReservationId);
    }

    [Fact]
    public async Task RebootOfAnUnknownBoard_IsRefusedVisibly()
    {
        await using var provider = BuildProvider();
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();

        await harness.Bus.Publish(new RebootDevice("0000000000000000", "admin:ops"));

        Assert.True(await harness.Published.Any<DeviceStateChanged>().WaitAsync(TimeSpan.FromSeconds(10)));
        var changed = harness.Published.Select<DeviceStateChanged>().Single().Context.Message;
        Assert.Contains("reboot requested by admin:ops refused", changed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommandsWaitUntilTheStartUpRecoveryOpensTheGate()
    {
        var gate = new CommandGate();
        await using var provider = BuildProvider(gate);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();

        await harness.Bus.Publish(new RebootDevice("0000000000000000", "admin:ops"));
        // Held: nothing is answered while the worker still recovers its boards' reservations (an open gate answers
        // this in a few milliseconds, see RebootOfAnUnknownBoard_IsRefusedVisibly).
        using (var held = new CancellationTokenSource(TimeSpan.FromSeconds(1)))
        {
            Assert.False(await harness.Published.Any<DeviceStateChanged>(held.Token));
        }

        gate.Open();
        Assert.True(await harness.Published.Any<DeviceStateChanged>().WaitAsync(TimeSpan.FromSeconds(10)));
    }

    private static ServiceProvider BuildProvider(CommandGate? gate = null)
    {
        if (gate is null)
        {
            gate = new CommandGate();
            gate.Open();
        }

        var services = new ServiceCollection();
        services.AddSingleton(gate);
        services.AddSingleton<EvaluationDeliveries>();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<BoardRegistry>();
        services.AddMetrics();
        services.AddSingleton<IceFarm.WorkerAgent.Metrics.WorkerMetrics>();
        services.AddOptions<WorkerOptions>().Configure(o => o.Name = "consumer-worker");
        services.AddMassTransitTestHarness(x =>
        {
            x.AddConsumer<EvaluateBitstreamConsumer>();
            x.AddConsumer<PrepareDeviceConsumer>();
            x.AddConsumer<ReleaseDeviceConsumer>();
            x.AddConsumer<RebootDeviceConsumer>();
        });
        return services.BuildServiceProvider(true);
    }
}
