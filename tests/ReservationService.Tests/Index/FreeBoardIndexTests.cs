using System.Net;
using System.Net.Http.Json;
using IceFarm.Contracts.Devices;
using IceFarm.Contracts.Http;
using IceFarm.FarmData.Devices;
using IceFarm.FarmData.Drain;
using IceFarm.FarmData.Reservations;
using IceFarm.FarmData.Store;
using IceFarm.FarmData.Workers;
using IceFarm.ReservationService.Hosting;
using IceFarm.ReservationService.Reservations;
using IceFarm.Testing;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace IceFarm.ReservationService.Tests.Index;

/// <summary>The free-board index against the projection it mirrors, with real PostgreSQL and RabbitMQ.</summary>
public sealed class When_the_farm_changes_the_free_board_index_follows(IndexHost service) : IClassFixture<IndexHost>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private FreeBoardIndex Index => service.Services.GetRequiredService<FreeBoardIndex>();

    private IDocumentStore Store => service.Services.GetRequiredService<IDocumentStore>();

    [Fact(Timeout = 120_000)]
    public async Task It_matches_the_projection_after_grants_ends_broken_boards_drains_and_worker_loss()
    {
        var onA = await service.AnnounceWorkerAsync("index-a", 4, kind: "variance");
        await service.AnnounceWorkerAsync("index-b", 4, kind: "variance");
        // The announcement waits for 4 boards of the kind, which index-a alone already had.
        await Eventually.WaitForAsync(async ct => (await FreeInProjectionAsync()).Count == 8 ? "all eight" : null, Deadline, "index-b's boards");
        await AssertMatchesProjectionAsync(expected: 8);
        var (http, _) = await service.NewClientAsync("indexer");
        using (http)
        {
            using var reserve = await http.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("variance", Amount: 3)).WaitAsync(Deadline);
            Assert.Equal(HttpStatusCode.Created, reserve.StatusCode);
            var reservation = (await reserve.Content.ReadFromJsonAsync<ReservationResponse>())!;
            await AssertMatchesProjectionAsync(expected: 5);

            using var end = await http.DeleteAsync($"api/v1/reservations/{reservation.Id}").WaitAsync(Deadline);
            Assert.Equal(HttpStatusCode.NoContent, end.StatusCode);
            await AssertMatchesProjectionAsync(expected: 8);
        }

        var now = TimeProvider.System.GetUtcNow();
        await AppendAsync(StreamIds.Device(onA[0]), new DeviceStateRecorded(onA[0], "index-a", DeviceState.Broken, DeviceHealth.Bad, "self-test failed", now));
        await AssertMatchesProjectionAsync(expected: 7);
        await AppendAsync(StreamIds.Worker("index-b"), new WorkerBeganDraining("index-b", now.AddMinutes(10), "test", now));
        await AssertMatchesProjectionAsync(expected: 3);
        await AppendAsync(StreamIds.Worker("index-a"), new WorkerWentOffline("index-a", "silent", now, now));
        await AssertMatchesProjectionAsync(expected: 0);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_stale_entry_costs_a_retry_and_never_a_double_booking_or_a_refusal()
    {
        var serials = await service.AnnounceWorkerAsync("stale-worker", 2, kind: "pulsecount");
        var (http, _) = await service.NewClientAsync("stale");
        using (http)
        {
            var first = await ReserveAsync(http);
            var held = first.Devices.Single().Serial;
            var other = serials.Single(s => s != held);

            // The index now believes the held board is free and the free one is taken: the worst it can be wrong.
            Index.Observe(new DeviceView { Serial = held, Worker = "stale-worker", State = DeviceState.Available }, holder: null);
            Index.Observe(
                new DeviceView { Serial = other, Worker = "stale-worker", State = DeviceState.Available },
                new BoardHolder { Id = other, ReservationId = Guid.NewGuid(), Worker = "stale-worker" });

            var second = await ReserveAsync(http);
            Assert.Equal(other, second.Devices.Single().Serial);
            await using var session = Store.QuerySession();
            Assert.Equal(first.Id, (await session.LoadAsync<BoardHolder>(held))!.ReservationId);
            Assert.Equal(second.Id, (await session.LoadAsync<BoardHolder>(other))!.ReservationId);
            Assert.DoesNotContain(held, Index.FreeSerials("pulsecount"));
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task Two_grants_that_read_the_same_board_cannot_both_commit()
    {
        var serial = (await service.AnnounceWorkerAsync("race-worker", 1, kind: "pulsecount"))[0];
        await using var winner = Store.LightweightSession();
        await using var loser = Store.LightweightSession();
        Assert.Single((await BoardLocks.TakeAsync(winner, [serial], CancellationToken.None).WaitAsync(Deadline)).Free);

        // The loser's read of the board waits for the winner's lock, and sees the winner's holder once it may go on.
        await loser.BeginTransactionAsync(CancellationToken.None);
        var loserBackend = loser.Connection!.ProcessID;
        var loserRead = BoardLocks.TakeAsync(loser, [serial], CancellationToken.None);
        await Eventually.WaitForAsync(async ct => await WaitsForALockAsync(loserBackend, ct) ? "waiting" : null, Deadline, "the loser waiting for the board's lock");
        var winnerId = Guid.NewGuid();
        winner.Events.StartStream<ReservationView>(StreamIds.Reservation(winnerId), Granted(winnerId, "winner", serial));
        await winner.SaveChangesAsync().WaitAsync(Deadline);
        var read = await loserRead.WaitAsync(Deadline);
        Assert.Empty(read.Free);
        Assert.Equal(winnerId, read.Holders[serial].ReservationId);

        // The holder's key is the backstop: a grant of the board regardless cannot commit.
        var loserId = Guid.NewGuid();
        loser.Events.StartStream<ReservationView>(StreamIds.Reservation(loserId), Granted(loserId, "loser", serial));
        var lost = await Assert.ThrowsAnyAsync<Exception>(() => loser.SaveChangesAsync().WaitAsync(Deadline));
        Assert.True(StreamConflicts.IsConflict(lost), lost.ToString());
        await using var query = Store.QuerySession();
        Assert.Equal(winnerId, (await query.LoadAsync<BoardHolder>(serial))!.ReservationId);
        Assert.Null(await query.LoadAsync<ReservationView>(StreamIds.Reservation(loserId)));
    }

    private static ReservationGranted Granted(Guid id, string client, string serial)
    {
        var now = TimeProvider.System.GetUtcNow();
        return new ReservationGranted(id, client, "pulsecount", new Dictionary<string, string>(), [new GrantedDevice(serial, "race-worker")], now.AddHours(1), now);
    }

    /// <summary>Whether the PostgreSQL backend <paramref name="pid"/> waits for a lock.</summary>
    private async Task<bool> WaitsForALockAsync(int pid, CancellationToken ct)
    {
        await using var connection = Store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*)::int FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = 'Lock'", connection);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = pid });
        return (int)(await command.ExecuteScalarAsync(ct))! > 0;
    }

    private static async Task<ReservationResponse> ReserveAsync(HttpClient http)
    {
        using var response = await http.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("pulsecount", Amount: 1)).WaitAsync(Deadline);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ReservationResponse>())!;
    }

    private async Task AppendAsync(string stream, object @event)
    {
        await using var session = Store.LightweightSession();
        session.Events.Append(stream, @event);
        await session.SaveChangesAsync();
    }

    /// <summary>The index offers exactly the boards the projection shows free on workers that may serve the kind.</summary>
    private async Task AssertMatchesProjectionAsync(int expected)
    {
        var free = await FreeInProjectionAsync();
        Assert.Equal(expected, free.Count);
        Assert.Equal(free.Order(), Index.FreeSerials("variance").Order());
    }

    private async Task<HashSet<string>> FreeInProjectionAsync()
    {
        await using var session = Store.QuerySession();
        var workers = (await session.Query<WorkerView>().ToListAsync())
            .Where(w => w is { Online: true, Draining: false } && w.Kinds.Contains("variance")).Select(w => w.Name).ToHashSet();
        var held = (await session.Query<BoardHolder>().ToListAsync()).Select(h => h.Id).ToHashSet();
        return (await session.Query<DeviceView>().ToListAsync()).Where(d => d.IsAvailable && !held.Contains(d.Serial) && workers.Contains(d.Worker)).Select(d => d.Serial).ToHashSet();
    }
}
