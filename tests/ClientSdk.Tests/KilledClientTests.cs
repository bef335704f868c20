using System.Net.Http.Json;
using System.Text.Json;
using IceFarm.Contracts.Http;
using IceFarm.Testing;
using Xunit;

namespace IceFarm.Client.Tests;

/// <summary>Leases live only as long as their process: a killed client's boards come back when the lease runs out.</summary>
[Collection(FarmCollection.Name)]
public sealed class KilledClientTests(ClientFarm farm)
{
    [Fact(Timeout = 180_000)]
    public async Task A_killed_clients_lease_stops_being_extended_and_expires()
    {
        await farm.WaitForAvailableBoardsAsync(1).Within(Timeouts.Long);
        var (credentials, client) = await farm.CreateClientAsync("killed").Within();
        using var _ = client;
        await using var cli = CliProcess.Start("reserve", "1", "--duration", "3s", "--wait", "30s", "--hold", "--json",
            "--url", farm.ReservationServiceUri.ToString(), "--token", credentials.Token);
        var reservation = JsonSerializer.Deserialize<ReservationResponse>(await cli.WaitForLineAsync(l => l.StartsWith('{'), Timeouts.Long), JsonSerializerOptions.Web)!;

        // While the process lives, its lease moves forward (the 3 s grant would otherwise have run out).
        await Eventually.WaitForAsync(async ct =>
            (await farm.DevicesAsync(ct)).FirstOrDefault(d => d.ReservationId == reservation.Id && d.ExpiresAt > reservation.ExpiresAt.AddSeconds(2)),
            Timeouts.Short, "an auto-extension of the held lease");

        cli.KillHard();

        await Eventually.WaitForAsync(async ct =>
            (await farm.DevicesAsync(ct)).Any(d => d.ReservationId == reservation.Id) ? null : new object(),
            Timeouts.Short, "the killed client's board to be released");
        using var deadline = new CancellationTokenSource(Timeouts.Short);
        var ended = await client.WatchAsync(0, deadline.Token)
            .FirstAsync(e => e.Type == StreamEventTypes.ReservationEnded && e.Data.GetProperty("reservationId").GetGuid() == reservation.Id, deadline.Token);
        Assert.Equal("expired", ended.Data.GetProperty("reason").GetString());
    }
}
