using System.Net.Http.Json;
using IceFarm.Contracts.Devices;
using IceFarm.Contracts.Http;
using IceFarm.Contracts.Workers;
using IceFarm.FarmData.Clients;
using IceFarm.Testing;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace IceFarm.ReservationService.Tests.Drain;

/// <summary>
/// A ReservationService that the test stops and starts again on the same database and vhost (and the same fake clock),
/// as a redeploy or a crash would.
/// </summary>
public sealed class RestartableServiceHost : IAsyncLifetime
{
    private IsolatedBackends? _backends;
    private WebApplication? _app;

    public FakeTimeProvider Clock { get; } = new(TimeProvider.System.GetUtcNow());

    public Uri BaseAddress { get; private set; } = null!;

    internal IServiceProvider Services => _app!.Services;

    public async Task InitializeAsync()
    {
        _backends = await IsolatedBackends.CreateAsync();
        await StartAsync();
    }

    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    public async Task<HttpClient> NewClientAsync(string name)
    {
        var (_, token) = await Services.GetRequiredService<ClientDirectory>().CreateAsync(name, "test", null, CancellationToken.None);
        var http = new HttpClient { BaseAddress = BaseAddress, Timeout = DrainProbe.Deadline };
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return http;
    }

    public async Task<string> AnnounceWorkerAsync(string worker, HttpClient probe)
    {
        var serial = $"{worker.GetHashCode(StringComparison.Ordinal) & 0xFFFFFF:X6}0000000000";
        await Services.GetRequiredService<IBus>().Publish(new WorkerHeartbeat(worker, "test-1.0", ["pulsecount"],
            [new DeviceSummary(serial, DeviceState.Available, DeviceHealth.Good, null, null)], Draining: false, SentAt: Clock.GetUtcNow()));
        await Eventually.WaitForAsync(async ct => (await probe.GetFromJsonAsync<AvailabilityResponse>("api/v1/availability?kind=pulsecount", ct))!.Available > 0 ? "ok" : null,
            DrainProbe.Deadline, $"the board of {worker}");
        return serial;
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        if (_backends is not null)
        {
            await _backends.DisposeAsync();
        }
    }

    private async Task StartAsync()
    {
        var settings = new Dictionary<string, string?>(_backends!.Settings($"admin-{Guid.NewGuid():N}"))
        {
            ["Liveness:OfflineAfter"] = "1.00:00:00",
            ["Drain:CheckInterval"] = "00:00:01",
        };
        _app = ReservationServiceApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Services.AddSingleton<TimeProvider>(Clock);
        });
        BaseAddress = await WebApps.StartAsync(_app, DrainProbe.Deadline);
    }

    private async Task StopAsync()
    {
        if (_app is null)
        {
            return;
        }

        await WebApps.StopAsync(_app, DrainProbe.Deadline);
        _app = null;
    }
}
