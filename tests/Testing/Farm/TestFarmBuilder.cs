using System.Globalization;
using Microsoft.AspNetCore.Builder;

namespace IceFarm.Testing.Farm;

/// <summary>
/// What a test farm runs: any of the ReservationService, the AdminApi and workers with simulated boards, started in that
/// order on 127.0.0.1 port 0 against real PostgreSQL and RabbitMQ, in a database and a vhost of the farm's own.
/// </summary>
public sealed class TestFarmBuilder
{
    private readonly Dictionary<string, string?> _settings = new()
    {
        ["Worker:SimulationProfile"] = "fast",
        ["Worker:HeartbeatInterval"] = "00:00:01",
    };

    private readonly List<TestFarmWorker> _workers = [];
    private Action<WebApplicationBuilder>? _reservationService;
    private Action<WebApplicationBuilder>? _adminApi;

    /// <summary>How long each host may take to start.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The timeout of the farm's <see cref="TestFarm.Admin"/> client.</summary>
    public TimeSpan AdminRequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Settings for every host of the farm, over the defaults (fast simulated boards, 1 s heartbeats).</summary>
    public TestFarmBuilder With(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        foreach (var (key, value) in settings)
        {
            _settings[key] = value;
        }

        return this;
    }

    /// <summary>Runs the ReservationService; <paramref name="configure"/> changes its host only (a fake clock), after the settings.</summary>
    public TestFarmBuilder WithReservationService(Action<WebApplicationBuilder>? configure = null)
    {
        _reservationService = configure ?? (_ => { });
        return this;
    }

    /// <summary>
    /// Runs the AdminApi; the farm's <see cref="TestFarm.Admin"/> client calls it with the admin token. <paramref name="configure"/>
    /// changes its host only, after the settings.
    /// </summary>
    public TestFarmBuilder WithAdminApi(Action<WebApplicationBuilder>? configure = null)
    {
        _adminApi = configure ?? (_ => { });
        return this;
    }

    /// <summary>Runs a worker named <paramref name="name"/> with <paramref name="boards"/> simulated boards, serving only <paramref name="kind"/> if given.</summary>
    public TestFarmBuilder WithWorker(string name, int boards, string? kind = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Worker:Name"] = name,
            ["Worker:SimulatedBoards"] = boards.ToString(CultureInfo.InvariantCulture),
        };
        if (kind is not null)
        {
            settings["Worker:Kinds:0"] = kind;
        }

        _workers.Add(new TestFarmWorker(name, settings));
        return this;
    }

    /// <summary>Creates the database and vhost and starts the hosts; on any failure stops what started and drops both.</summary>
    public async Task<TestFarm> StartAsync()
    {
        var backends = await IsolatedBackends.CreateAsync();
        var farm = new TestFarm(backends, StartTimeout, AdminRequestTimeout);
        try
        {
            var settings = backends.Settings(farm.AdminToken);
            foreach (var (key, value) in _settings)
            {
                settings[key] = value;
            }

            await farm.StartAsync(settings, _reservationService, _adminApi, _workers);
            return farm;
        }
        catch
        {
            await farm.DisposeAsync();
            throw;
        }
    }
}
