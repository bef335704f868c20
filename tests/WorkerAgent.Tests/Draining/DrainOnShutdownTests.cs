using IceFarm.Contracts.Admin;
using IceFarm.Contracts.Workers;
using IceFarm.WorkerAgent.Boards;
using IceFarm.WorkerAgent.Draining;
using IceFarm.WorkerAgent.Heartbeat;
using IceFarm.WorkerAgent.Tests.Support;
using IceFarm.WorkerAgent.Workers;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IceFarm.WorkerAgent.Tests.Draining;

/// <summary>The worker's side of the drain (ARCHITECTURE.md §8) on MassTransit's in-memory harness and a fake clock.</summary>
public sealed class DrainOnShutdownTests
{
    private const string Worker = "drain-worker";

    [Fact]
    public async Task Stop_AsksForADrain_ReportsDraining_AndWaitsForItsOwnWorkerDrained()
    {
        var clock = TestBoards.Clock();
        await using var provider = BuildProvider(clock);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var drain = provider.GetServices<IHostedService>().OfType<DrainOnShutdown>().Single();
        var heartbeats = provider.GetRequiredService<HeartbeatFactory>();
        Assert.False(heartbeats.Create().Draining);

        var stopping = drain.StopAsync(CancellationToken.None);

        // Published for the service: a worker's broker user may not write to the service's admin queue.
        Assert.True(await harness.Published.Any<WorkerStopping>().WaitAsync(TimeSpan.FromSeconds(10)));
        var asked = harness.Published.Select<WorkerStopping>().Single().Context.Message;
        Assert.Equal(new WorkerStopping(Worker, clock.GetUtcNow() + TimeSpan.FromMinutes(10), clock.GetUtcNow()), asked);
        Assert.True(heartbeats.Create().Draining);

        // Another worker's event first: if it were taken for ours, the drain would complete with its time.
        var ours = clock.GetUtcNow() + TimeSpan.FromMinutes(3);
        await harness.Bus.Publish(new WorkerDrained("another-worker", clock.GetUtcNow() + TimeSpan.FromMinutes(1)));
        await harness.Bus.Publish(new WorkerDrained(Worker, ours));
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(ours, await provider.GetRequiredService<DrainState>().Drained.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Stop_GivesUpAfterTheDeadlinePlusTheMargin_WhenNoWorkerDrainedComes()
    {
        var clock = TestBoards.Clock();
        await using var provider = BuildProvider(clock);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var drain = provider.GetServices<IHostedService>().OfType<DrainOnShutdown>().Single();

        var stopping = drain.StopAsync(CancellationToken.None);
        Assert.True(await harness.Published.Any<WorkerStopping>().WaitAsync(TimeSpan.FromSeconds(10)));
        await clock.PumpUntilAsync(() => stopping.IsCompleted || clock.GetUtcNow() > TestBoards.Clock().GetUtcNow() + TimeSpan.FromMinutes(9), TimeSpan.FromSeconds(1));
        Assert.False(stopping.IsCompleted);

        await clock.PumpUntilAsync(() => stopping.IsCompleted, TimeSpan.FromSeconds(1));
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(clock.GetUtcNow() >= TestBoards.Clock().GetUtcNow() + TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task HostShutdownTimeout_CoversTheDrain()
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder();
        builder.Services.AddOptions<WorkerOptions>().Configure(o => o.DrainDeadline = TimeSpan.FromMinutes(7));
        builder.AddDrain();
        var app = builder.Build();

        var timeout = app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout;
        await app.DisposeAsync();

        Assert.True(timeout > TimeSpan.FromMinutes(7) + TimeSpan.FromSeconds(30), $"shutdown timeout {timeout}");
    }

    private static ServiceProvider BuildProvider(FakeTimeProvider clock)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        // The fake clock goes to our services only: MassTransit takes a TimeProvider from the container too,
        // and its in-memory receive loop stalls on a clock that nobody advances.
        services.AddSingleton<BoardRegistry>();
        services.AddSingleton<DrainState>();
        services.AddSingleton(sp => new HeartbeatFactory(
            sp.GetRequiredService<IOptions<WorkerOptions>>(), sp.GetRequiredService<BoardRegistry>(), clock, sp.GetRequiredService<DrainState>()));
        services.AddSingleton<IHostedService>(sp => new DrainOnShutdown(
            sp.GetRequiredService<IBus>(), sp.GetRequiredService<DrainState>(), sp.GetRequiredService<IOptions<WorkerOptions>>(), clock,
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<DrainOnShutdown>>()));
        services.AddOptions<WorkerOptions>().Configure(o => o.Name = Worker);
        services.AddMassTransitTestHarness(x => x.AddConsumer<WorkerDrainedConsumer>());
        return services.BuildServiceProvider(true);
    }
}
