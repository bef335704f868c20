using System.Net.Http.Json;
using System.Text.Json;
using IceFarm.Contracts.Http;
using IceFarm.Testing;
using Xunit;

namespace IceFarm.Client.Tests;

/// <summary>
/// Leases live only as long as their process: a killed client's boards come back one keepalive TTL after its death (or when
/// the lease runs out, if that is sooner), while a live client's lease with the same TTL goes on.
/// </summary>
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

    [Fact(Timeout = 180_000)]
    public async Task A_killed_clients_boards_come_back_one_keepalive_after_its_death_while_a_live_lease_with_the_same_ttl_goes_on()
    {
        var ttl = TimeSpan.FromSeconds(3);
        await farm.WaitForAvailableBoardsAsync(2).Within(Timeouts.Long);
        var (credentials, client) = await farm.CreateClientAsync("killed-keepalive").Within();
        using var _ = client;
        var (__, liveClient) = await farm.CreateClientAsync("live-keepalive").Within();
        using var ___ = liveClient;
        await using var live = await liveClient.ReserveAsync("pulsecount", 1, TimeSpan.FromSeconds(30), options: new LeaseOptions { KeepAlive = ttl }).Within();
        Assert.Equal(ttl, live.KeepAlive);

        // The farm's default duration (an hour): only the keepalive can bring these boards back soon.
        await using var cli = CliProcess.Start("reserve", "1", "--keepalive", "3s", "--wait", "30s", "--hold", "--json",
            "--url", farm.ReservationServiceUri.ToString(), "--token", credentials.Token);
        var held = JsonSerializer.Deserialize<ReservationResponse>(await cli.WaitForLineAsync(l => l.StartsWith('{'), Timeouts.Long), JsonSerializerOptions.Web)!;
        Assert.Equal("PT3S", held.KeepAlive);
        Assert.True(held.ExpiresAt - TimeProvider.System.GetUtcNow() > TimeSpan.FromMinutes(30), $"the lease runs to {held.ExpiresAt:O}");

        // While the process lives it renews its keepalive.
        var granted = (await client.GetReservationAsync(held.Id).Within()).RenewedAt!.Value;
        await Eventually.WaitForAsync(async ct => (await client.GetReservationAsync(held.Id, ct)).RenewedAt > granted ? new object() : null,
            Timeouts.Short, "a keepalive renewal from the CLI");

        cli.KillHard();
        var killedAt = TimeProvider.System.GetUtcNow();

        await Eventually.WaitForAsync(async ct =>
            (await farm.DevicesAsync(ct)).Any(d => d.ReservationId == held.Id) ? null : new object(),
            Timeouts.Short, "the killed client's board to be released");
        using var deadline = new CancellationTokenSource(Timeouts.Short);
        var ended = await client.WatchAsync(0, deadline.Token)
            .FirstAsync(e => e.Type == StreamEventTypes.ReservationEnded && e.Data.GetProperty("reservationId").GetGuid() == held.Id, deadline.Token);
        Assert.Equal("keepalive-lapsed", ended.Data.GetProperty("reason").GetString());

        // The live lease, same TTL, has outlived the killed one's TTL since the kill and is still held and renewed.
        await Eventually.WaitForAsync(_ => Task.FromResult(live.RenewedAt > killedAt + ttl ? new object() : null),
            Timeouts.Short, "a renewal of the live lease after the killed one's TTL ran out");
        Assert.Null(live.EndedReason);
        Assert.Contains(await liveClient.ListReservationsAsync().Within(), r => r.Id == live.Id);
    }
}
