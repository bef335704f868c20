using System.Net.Http.Json;
using IceFarm.Client;
using IceFarm.Client.Events;
using IceFarm.Contracts.Http;
using IceFarm.FarmData.Clients;
using IceFarm.ReservationService;
using IceFarm.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace IceFarm.EndToEnd.Tests;

/// <summary>What a Kubernetes rollout does to a worker: SIGTERM while it holds a lease.</summary>
[Trait("Category", "Restarts")]
public sealed class When_a_worker_process_gets_sigterm : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private IsolatedBackends? _backends;
    private WebApplication? _service;
    private Uri _serviceUri = null!;

    public async Task InitializeAsync()
    {
        _backends = await IsolatedBackends.CreateAsync();
        _service = ReservationServiceApp.Build([], WebApps.Configure(_backends.Settings($"admin-{Guid.NewGuid():N}")));
        _serviceUri = await WebApps.StartAsync(_service, Deadline);
    }

    [Fact(Timeout = 180_000)]
    public async Task It_drains_tells_the_client_ends_the_lease_at_the_deadline_and_exits_0()
    {
        await using var worker = ServiceProcess.Start("WorkerAgent", new Dictionary<string, string>
        {
            ["ConnectionStrings__RabbitMq"] = _backends!.Vhost.AmqpUri.ToString(),
            ["Worker__Name"] = "sigterm-worker",
            ["Worker__SimulatedBoards"] = "1",
            ["Worker__SimulationProfile"] = "fast",
            ["Worker__HeartbeatInterval"] = "00:00:01",
            ["Worker__DrainDeadline"] = "00:00:05",
            ["Urls"] = "http://127.0.0.1:0",
        });
        var (_, token) = await _service!.Services.GetRequiredService<ClientDirectory>()
            .CreateAsync("rollout-victim", "test", null, CancellationToken.None);
        using var client = new FarmClient(new FarmClientOptions { BaseAddress = _serviceUri, Token = token });
        await using var events = await client.OpenEventsAsync(null).WaitAsync(Deadline);
        using var http = new HttpClient { BaseAddress = _serviceUri, Timeout = Deadline };
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);

        // Queue for the board: it becomes available once the worker process has flashed and self-tested it.
        using var reserve = await http.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("pulsecount", Amount: 1, Wait: "PT60S")).WaitAsync(Deadline);
        Assert.True(reserve.IsSuccessStatusCode, await reserve.Content.ReadAsStringAsync() + worker.Output);
        var reservation = (await reserve.Content.ReadFromJsonAsync<ReservationResponse>())!;
        using var cts = new CancellationTokenSource(Deadline);
        await using var stream = events.ReadAllAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        await NextAsync(stream, StreamEventTypes.DeviceReady);

        await worker.TerminateAsync();

        var draining = await NextAsync(stream, StreamEventTypes.WorkerDraining);
        Assert.Equal("sigterm-worker", draining.Data.GetProperty("worker").GetString());
        var ended = await NextAsync(stream, StreamEventTypes.ReservationEnded);
        Assert.Equal(reservation.Id, ended.Data.GetProperty("reservationId").GetGuid());
        Assert.Equal("drained", ended.Data.GetProperty("reason").GetString());
        Assert.Equal(0, await worker.WaitForExitAsync(Deadline));
        Assert.Contains("drained", worker.Output, StringComparison.OrdinalIgnoreCase);
    }

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await WebApps.StopAsync(_service, TimeSpan.FromSeconds(30));
        }

        if (_backends is not null)
        {
            await _backends.DisposeAsync();
        }
    }

    private static async Task<FarmEvent> NextAsync(IAsyncEnumerator<FarmEvent> stream, string type)
    {
        while (await stream.MoveNextAsync().AsTask().WaitAsync(Deadline))
        {
            if (stream.Current.Type == type)
            {
                return stream.Current;
            }
        }

        throw new InvalidOperationException($"The event stream ended before a {type} event.");
    }
}
