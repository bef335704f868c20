using System.Net.Http.Headers;
using System.Net.Http.Json;
using IceFarm.Contracts.Devices;
using IceFarm.Contracts.Http;
using IceFarm.Contracts.Workers;
using IceFarm.Testing;
using IceFarm.Testing.Farm;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace IceFarm.AdminApi.Tests;

/// <summary>
/// A real ReservationService and AdminApi on 127.0.0.1:0 with a database and a vhost of their own. Tests play the
/// workers by publishing the heartbeats a worker sends, and see the admin commands through an <see cref="AdminCommandProbe"/>.
/// </summary>
public class AdminApiHost : IAsyncLifetime
{
    internal static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private TestFarm? _farm;

    public string AdminToken => Farm.AdminToken;

    public HttpClient Admin { get; private set; } = null!;

    public Uri ReservationServiceUri => Farm.ReservationServiceUri;

    public Uri AdminApiUri => Farm.AdminApiUri;

    internal AdminCommandProbe Probe { get; private set; } = null!;

    private TestFarm Farm => _farm ?? throw new InvalidOperationException("The host has not started");

    private IServiceProvider ReservationServices => Farm.ReservationServiceServices;

    /// <summary>Settings a derived host adds or overrides.</summary>
    protected virtual IReadOnlyDictionary<string, string?> ExtraSettings { get; } = new Dictionary<string, string?>();

    /// <summary>Starts what a derived host's <see cref="ExtraSettings"/> point at (an identity provider), before the apps.</summary>
    protected virtual Task StartDependenciesAsync() => Task.CompletedTask;

    /// <summary>Stops what <see cref="StartDependenciesAsync"/> started, after the apps.</summary>
    protected virtual Task StopDependenciesAsync() => Task.CompletedTask;

    /// <summary>Changes the AdminApi's services only (a fake <see cref="TimeProvider"/>), after the shared settings.</summary>
    protected virtual void ConfigureAdminApi(WebApplicationBuilder builder)
    {
    }

    public async Task InitializeAsync()
    {
        await StartDependenciesAsync();
        _farm = await new TestFarmBuilder { StartTimeout = Deadline }
            .With(ExtraSettings)
            .WithReservationService()
            .WithAdminApi(ConfigureAdminApi)
            .StartAsync();
        Probe = await AdminCommandProbe.StartAsync(Farm.Backends.Vhost.AmqpUri);
        Admin = Client(AdminApiUri, AdminToken);
    }

    public HttpClient Anonymous() => Client(AdminApiUri, null);

    public HttpClient Client(Uri baseAddress, string? token)
    {
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = Deadline };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    /// <summary>Announces a worker whose boards are all available, as its heartbeat would, and waits until the admin API shows them.</summary>
    public async Task<string[]> AnnounceWorkerAsync(string worker, int boards, string kind = "pulsecount")
    {
        var serials = Enumerable.Range(0, boards).Select(i => $"{worker.ToUpperInvariant()}-{i:D3}").ToArray();
        var bus = ReservationServices.GetRequiredService<IBus>();
        await bus.Publish(new WorkerHeartbeat(worker, "test-1.0", [kind],
            [.. serials.Select(s => new DeviceSummary(s, DeviceState.Available, DeviceHealth.Good, null, null))],
            Draining: false, SentAt: TimeProvider.System.GetUtcNow()) { Host = $"{worker}.lab" });
        await Eventually.WaitForAsync(async ct =>
        {
            var devices = await Admin.GetFromJsonAsync<DeviceInfo[]>($"api/admin/devices?worker={worker}", ct);
            return devices!.Count(d => d.State == "Available") == boards ? devices : null;
        }, Deadline, $"{boards} boards of {worker}");
        return serials;
    }

    /// <summary>Issues a client through the admin API and returns its id and an HTTP client for the ReservationService.</summary>
    public async Task<(string ClientId, HttpClient Http)> NewClientAsync(string name)
    {
        var created = await Farm.CreateClientAsync(name);
        return (created.ClientId, Client(ReservationServiceUri, created.Token));
    }

    /// <summary>Reserves the named boards for the client through the client API.</summary>
    public static async Task<ReservationResponse> ReserveAsync(HttpClient client, params string[] serials)
    {
        using var response = await client.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("pulsecount", Serials: serials));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ReservationResponse>())!;
    }

    public async Task DisposeAsync()
    {
        Admin?.Dispose();
        if (Probe is not null)
        {
            await Probe.DisposeAsync();
        }

        if (_farm is not null)
        {
            await _farm.DisposeAsync();
        }

        await StopDependenciesAsync();
    }
}
