using IceFarm.Testing;
using System.Text.Json;
using IceFarm.Contracts.Bitstreams;
using IceFarm.Contracts.Http;
using Xunit;

namespace IceFarm.Client.Tests;

/// <summary>The <c>icefarm</c> commands against a running farm, through their real parser, checking <c>--json</c> and exit codes.</summary>
[Collection(FarmCollection.Name)]
public sealed class CliTests(ClientFarm farm)
{
    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    [Fact(Timeout = 240_000)]
    public async Task Reserve_list_extend_evaluate_end_round_trip_with_json()
    {
        await farm.WaitForAvailableBoardsAsync(2).Within(Timeouts.Long);
        var (credentials, client) = await farm.CreateClientAsync("cli-json").Within();
        using var _ = client;
        string[] auth = ["--url", farm.ReservationServiceUri.ToString(), "--token", credentials.Token, "--json"];

        var available = await CliRun.RunAsync(["available", "--kind", "pulsecount", .. auth]);
        Assert.Equal(0, available.Exit);
        Assert.True(JsonDocument.Parse(available.Out).RootElement.GetProperty("available").GetInt32() >= 2);

        var reserve = await CliRun.RunAsync(["reserve", "2", "--wait", "30s", .. auth]);
        Assert.True(reserve.Exit == 0, reserve.Err);
        var reservation = JsonSerializer.Deserialize<ReservationResponse>(reserve.Out, Json)!;
        Assert.Equal(2, reservation.Devices.Count);

        var list = await CliRun.RunAsync(["list", .. auth]);
        Assert.Contains(JsonSerializer.Deserialize<ReservationResponse[]>(list.Out, Json)!, r => r.Id == reservation.Id);

        var extend = await CliRun.RunAsync(["extend", reservation.Id.ToString(), "--duration", "2h", .. auth]);
        Assert.True(extend.Exit == 0, extend.Err);
        Assert.True(JsonDocument.Parse(extend.Out).RootElement.GetProperty("expiresAt").GetDateTimeOffset() > reservation.ExpiresAt);

        using var files = new BitstreamFiles(Circuits.Pulses(3));
        var evaluate = await CliRun.RunAsync(["evaluate", .. files.Paths, "--reservation", reservation.Id.ToString(), .. auth]);
        Assert.True(evaluate.Exit == 0, evaluate.Err);
        var lines = evaluate.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(6, lines.Count);
        Assert.All(lines, l => Assert.True(l.GetProperty("succeeded").GetBoolean()));
        Assert.All(lines, l => Assert.InRange(l.GetProperty("pulses").GetInt64(), 900, 1_100));
        Assert.Equal(2, lines.Select(l => l.GetProperty("serial").GetString()).Distinct().Count());
        // Evaluating on a reservation given with --reservation leaves it alone.
        Assert.Contains(await client.ListReservationsAsync().Within(), r => r.Id == reservation.Id);

        var end = await CliRun.RunAsync(["end", reservation.Id.ToString(), .. auth]);
        Assert.True(end.Exit == 0, end.Err);
        Assert.Empty(await client.ListReservationsAsync().Within());
    }

    [Fact(Timeout = 180_000)]
    public async Task Evaluate_without_a_reservation_reserves_prints_a_table_and_ends_it()
    {
        await farm.WaitForAvailableBoardsAsync(1).Within(Timeouts.Long);
        var (credentials, client) = await farm.CreateClientAsync("cli-table").Within();
        using var _ = client;
        using var files = new BitstreamFiles(Circuits.Pulses(2));

        var run = await CliRun.RunAsync(["evaluate", .. files.Paths, "--wait", "30s", "--url", farm.ReservationServiceUri.ToString(), "--token", credentials.Token]);

        Assert.True(run.Exit == 0, run.Err);
        Assert.Contains(Path.GetFileName(files.Paths[0]), run.Out, StringComparison.Ordinal);
        Assert.Contains("ok", run.Out, StringComparison.Ordinal);
        Assert.Contains("2 result(s), 0 failed", run.Err, StringComparison.Ordinal);
        Assert.Empty(await client.ListReservationsAsync().Within());
    }

    [Fact(Timeout = 180_000)]
    public async Task Admin_commands_list_workers_and_devices_and_issue_a_client_token()
    {
        string[] admin = ["--admin-url", farm.AdminApiUri.ToString(), "--admin-token", farm.AdminToken, "--json"];
        // The farm's worker may still be announcing its boards when this test runs first.
        await Eventually.WaitForAsync(async ct => (await farm.DevicesAsync(ct)).Length == ClientFarm.Boards ? "all" : null, Timeouts.Long, "every board announced");

        var workers = await CliRun.RunAsync(["admin", "workers", .. admin]);
        Assert.True(workers.Exit == 0, workers.Err);
        Assert.Equal(ClientFarm.WorkerName, Assert.Single(JsonSerializer.Deserialize<WorkerInfo[]>(workers.Out, Json)!).Name);

        var devices = await CliRun.RunAsync(["admin", "devices", .. admin]);
        Assert.Equal(ClientFarm.Boards, JsonSerializer.Deserialize<DeviceInfo[]>(devices.Out, Json)!.Length);

        var created = await CliRun.RunAsync(["admin", "client", $"cli-{Guid.NewGuid():N}"[..20], .. admin]);
        var token = JsonSerializer.Deserialize<ClientCreated>(created.Out, Json)!.Token;
        var available = await CliRun.RunAsync(["available", "--url", farm.ReservationServiceUri.ToString(), "--token", token]);
        Assert.True(available.Exit == 0, available.Err);

        var wrong = await CliRun.RunAsync(["admin", "workers", "--admin-url", farm.AdminApiUri.ToString(), "--admin-token", "not-the-token"]);
        Assert.Equal(3, wrong.Exit);
    }

    [Fact(Timeout = 60_000)]
    public async Task Documented_exit_codes_for_usage_errors_refusals_and_an_unreachable_farm()
    {
        var (credentials, client) = await farm.CreateClientAsync("cli-codes").Within();
        using var _ = client;
        string[] auth = ["--url", farm.ReservationServiceUri.ToString(), "--token", credentials.Token];
        var broken = BitstreamGenerator.Generate(new CircuitDesign(2_000));
        broken[^2] ^= 0x55;
        using var files = new BitstreamFiles([new("broken.bin", broken)]);

        Assert.Equal(2, (await CliRun.RunAsync(["evaluate", "/nonexistent/x.bin", .. auth])).Exit);
        var invalid = await CliRun.RunAsync(["evaluate", files.Paths[0], .. auth]);
        Assert.Equal(2, invalid.Exit);
        Assert.Contains("broken.bin", invalid.Err, StringComparison.Ordinal);
        Assert.Equal(2, (await CliRun.RunAsync(["reserve", .. auth])).Exit);
        Assert.Equal(2, (await CliRun.RunAsync(["reserve", "1", "--wait", "soon", .. auth])).Exit);
        Assert.Equal(2, (await CliRun.RunAsync(["available"])).Exit);
        // More than the client's quota (64) is refused naming the quota (429); all boards while one is held is "not enough".
        var overQuota = await CliRun.RunAsync(["reserve", "99", .. auth]);
        Assert.Equal(3, overQuota.Exit);
        Assert.Contains("quota-exceeded", overQuota.Err, StringComparison.Ordinal);
        await using (await client.ReserveAsync("pulsecount", 1).Within(Timeouts.Long))
        {
            Assert.Equal(5, (await CliRun.RunAsync(["reserve", ClientFarm.Boards.ToString(System.Globalization.CultureInfo.InvariantCulture), .. auth])).Exit);
        }

        Assert.Equal(3, (await CliRun.RunAsync(["extend", Guid.NewGuid().ToString(), .. auth])).Exit);
        // Without retries: a farm that refuses connections is otherwise retried for MaxRetryTime (60 s) first.
        Assert.Equal(4, (await CliRun.RunWithAsync(new Dictionary<string, string> { ["ICEFARM_RETRY_SECONDS"] = "0" },
            ["available", "--url", "http://127.0.0.1:1/", "--token", "x"])).Exit);
    }
}
