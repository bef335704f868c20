using System.Globalization;
using IceFarm.Client;
using IceFarm.ReservationService;
using IceFarm.FarmData.Clients;
using IceFarm.Testing;
using IceFarm.WorkerAgent;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IceFarm.Bench.Sdk;

/// <summary>
/// A whole farm in this process: the reservation service and one worker with simulated boards (Kestrel on 127.0.0.1:0,
/// its own database and vhost), both with a <see cref="HopObserver"/> on their bus, and an SDK client whose uploads are timed.
/// </summary>
internal sealed class SdkFarm : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(1);
    private readonly IsolatedBackends _backends;
    private readonly HostedApps _apps = new();
    private HttpClient? _http;

    private SdkFarm(IsolatedBackends backends) => _backends = backends;

    public HopClock Clock { get; } = new();

    public FarmClient Client { get; private set; } = null!;

    public DbListener Db { get; } = new();

    public int Boards { get; private set; }

    public static async Task<SdkFarm> StartAsync(int boards, string profile)
    {
        var farm = new SdkFarm(await IsolatedBackends.CreateAsync());
        try
        {
            await farm.StartAppsAsync(boards, profile);
            return farm;
        }
        catch
        {
            await farm.DisposeAsync();
            throw;
        }
    }

    private async Task StartAppsAsync(int boards, string profile)
    {
        Boards = boards;
        var settings = new Dictionary<string, string?>(_backends.Settings($"bench-admin-{Guid.NewGuid():N}"))
        {
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Worker:Name"] = "bench-sdk-worker",
            ["Worker:SimulatedBoards"] = boards.ToString(CultureInfo.InvariantCulture),
            ["Worker:SimulationProfile"] = profile,
            ["Worker:HeartbeatInterval"] = "00:00:01",
        };
        void Configure(WebApplicationBuilder builder)
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Services.AddConsumeObserver(_ => new HopObserver(Clock, TimeProvider.System));
            builder.Services.AddSendObserver(_ => new HopObserver(Clock, TimeProvider.System));
            builder.Services.AddPublishObserver(_ => new HopObserver(Clock, TimeProvider.System));
            builder.Services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, RequestStampFilter>();
        }

        var service = ReservationServiceApp.Build([], Configure);
        var address = await _apps.StartAsync(service, StartTimeout);
        await _apps.StartAsync(WorkerAgentApp.Build([], Configure), StartTimeout);
        var (_, token) = await service.Services.GetRequiredService<ClientDirectory>().CreateAsync("bench-sdk", "bench", null, CancellationToken.None);
        var options = new FarmClientOptions { BaseAddress = address, Token = token, RequestTimeout = TimeSpan.FromSeconds(60) };
        _http = new HttpClient(new SubmitTimingHandler(Clock));
        Client = new FarmClient(_http, options);
    }

    /// <summary>Waits until the farm can grant <paramref name="boards"/> boards of <paramref name="kind"/>.</summary>
    public Task WaitForBoardsAsync(string kind, int boards) =>
        Eventually.WaitForAsync<object>(async ct => await Client.AvailableAsync(kind, ct) >= boards ? boards : null,
            TimeSpan.FromMinutes(3), $"{boards} available {kind} boards");

    public async ValueTask DisposeAsync()
    {
        if (Client is not null)
        {
            // The boards come back first so that the next phase starts from an idle machine, not one still reflashing
            // (stopping mid-flash is safe since 3845877: the simulator's steps stop with the farm).
            try
            {
                await WaitForBoardsAsync(EvaluationLoad.Kind, Boards);
            }
            catch (TimeoutException ex)
            {
                Console.Error.WriteLine($"sdk farm: stopping anyway: {ex.Message}");
            }
        }

        Client?.Dispose();
        _http?.Dispose();
        await _apps.StopAllAsync(TimeSpan.FromSeconds(30));
        Db.Dispose();
        await _backends.DisposeAsync();
    }
}
