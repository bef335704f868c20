using System.Net;
using System.Net.Http.Json;
using IceFarm.Client;
using IceFarm.Client.Evaluation;
using IceFarm.Contracts.Bitstreams;
using IceFarm.Contracts.Http;
using Xunit;

namespace IceFarm.EndToEnd.Tests;

/// <summary>One thin path through every process: SDK → ReservationService → RabbitMQ → worker → simulated board and back.</summary>
public sealed class WalkingSkeletonTests(RunningFarm farm) : IClassFixture<RunningFarm>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 120_000)]
    public async Task The_workers_heartbeat_brings_its_name_and_boards_to_the_admin_api()
    {
        await farm.WaitForAvailableBoardsAsync(RunningFarm.SimulatedBoards).WaitAsync(Deadline);

        var workers = await farm.Admin.GetFromJsonAsync<WorkerInfo[]>("api/admin/workers").WaitAsync(Deadline);
        var worker = Assert.Single(workers!);
        Assert.Equal(RunningFarm.WorkerName, worker.Name);
        Assert.True(worker.Online);
        Assert.Contains("pulsecount", worker.Kinds);
        Assert.False(string.IsNullOrEmpty(worker.Version));
        Assert.NotNull(worker.LastHeartbeat);
        var devices = await farm.Admin.GetFromJsonAsync<DeviceInfo[]>("api/admin/devices").WaitAsync(Deadline);
        Assert.Equal(RunningFarm.SimulatedBoards, devices!.Count(d => d.Worker == RunningFarm.WorkerName));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_client_reserves_a_board_evaluates_a_generated_bitstream_and_gets_its_pulse_count()
    {
        await farm.WaitForAvailableBoardsAsync(1).WaitAsync(Deadline);
        var credentials = await farm.CreateClientAsync("skeleton").WaitAsync(Deadline);
        using var client = new FarmClient(new FarmClientOptions { BaseAddress = farm.ReservationServiceUri, Token = credentials.Token });

        var design = new CircuitDesign(FrequencyHz: 2000);
        await using (var lease = await client.ReserveAsync(new ReserveRequest("pulsecount", Amount: 1)).WaitAsync(Deadline))
        {
            var device = Assert.Single(lease.Devices);
            Assert.Equal(RunningFarm.WorkerName, device.Worker);
            await lease.WaitUntilReadyAsync().WaitAsync(Deadline);

            var results = new List<EvaluationResult>();
            using var cts = new CancellationTokenSource(Deadline);
            await foreach (var result in lease.EvaluateAsync([new Bitstream("2khz.bin", BitstreamGenerator.Generate(design))], cts.Token))
            {
                results.Add(result);
            }

            var only = Assert.Single(results);
            Assert.True(only.Succeeded, only.FailureReason);
            Assert.Equal("2khz.bin", only.Label);
            Assert.Equal(device.Serial, only.Serial);
            // The simulated FPGA counts the design's own frequency over the firmware's 1 s window, a few edges short.
            Assert.InRange(only.Pulses!.Value, 1990, 2000);
        }

        // Disposing the lease ended the reservation: the caller holds nothing any more.
        using var http = new HttpClient { BaseAddress = farm.ReservationServiceUri };
        http.DefaultRequestHeaders.Authorization = new("Bearer", credentials.Token);
        var mine = await http.GetFromJsonAsync<ReservationResponse[]>("api/v1/reservations").WaitAsync(Deadline);
        Assert.Empty(mine!);
    }

    [Fact(Timeout = 60_000)]
    public async Task Calls_without_a_valid_token_get_401_problem_details()
    {
        using var http = new HttpClient { BaseAddress = farm.ReservationServiceUri };
        using var anonymous = await http.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("pulsecount", Amount: 1)).WaitAsync(Deadline);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);

        http.DefaultRequestHeaders.Authorization = new("Bearer", "not-a-token");
        using var wrong = await http.GetAsync("api/v1/events").WaitAsync(Deadline);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);

        using var admin = new HttpClient { BaseAddress = farm.AdminApiUri };
        using var noAdmin = await admin.GetAsync("api/admin/devices").WaitAsync(Deadline);
        Assert.Equal(HttpStatusCode.Unauthorized, noAdmin.StatusCode);
    }

    [Fact(Timeout = 120_000)]
    public async Task Every_process_serves_prometheus_metrics_and_the_worker_counts_its_boards_and_flashes()
    {
        await farm.WaitForAvailableBoardsAsync(RunningFarm.SimulatedBoards).WaitAsync(Deadline);
        using var http = new HttpClient { Timeout = Deadline };
        var worker = await http.GetStringAsync(new Uri(farm.WorkerUri, "metrics")).WaitAsync(Deadline);
        Assert.Matches($@"icefarm_worker_boards\{{[^}}]*state=""Available""[^}}]*\}} {RunningFarm.SimulatedBoards}\b", worker);
        // Every board was flashed with the default firmware before it became available.
        var flashes = System.Text.RegularExpressions.Regex.Matches(worker, @"icefarm_worker_flash_duration_seconds_count\{[^}]*\} (\d+)")
            .Sum(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(flashes >= RunningFarm.SimulatedBoards, worker);
        Assert.Contains("icefarm_worker_evaluations_in_flight", worker, StringComparison.Ordinal);

        // The service samples its gauges every few seconds.
        await IceFarm.Testing.Eventually.WaitForAsync(async ct =>
        {
            var text = await http.GetStringAsync(new Uri(farm.ReservationServiceUri, "metrics"), ct);
            return text.Contains("icefarm_boards{", StringComparison.Ordinal) ? text : null;
        }, Deadline, "the service's board gauges");
        var admin = await http.GetStringAsync(new Uri(farm.AdminApiUri, "metrics")).WaitAsync(Deadline);
        Assert.Contains("dotnet_gc_", admin, StringComparison.Ordinal);
    }
}
