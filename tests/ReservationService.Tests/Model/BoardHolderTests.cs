using IceFarm.Contracts.Devices;
using IceFarm.FarmData.Devices;
using IceFarm.FarmData.Reservations;
using IceFarm.FarmData.Store;
using IceFarm.ReservationService.Reservations;
using IceFarm.ReservationService.Reservations.Model;
using IceFarm.Testing;
using Marten;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace IceFarm.ReservationService.Tests.Model;

/// <summary>
/// Which reservation holds a board, as projected from the reservation events alone (<see cref="BoardHolder"/>), on a
/// real PostgreSQL (a database of its own): the grant, a replacement, a release and the end move it through the
/// handler; a second grant of a held board cannot commit; the start-up backfill gives the reservations granted
/// without it their holds, and only the boards they still hold.
/// </summary>
public sealed class When_a_reservation_takes_and_lets_go_of_boards : FarmStoreOfItsOwn
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    [Fact(Timeout = 120_000)]
    public async Task Its_boards_are_held_by_it_until_it_releases_them_and_nobody_else_can_take_them_meanwhile()
    {
        var (stream, id) = await GrantAsync(Guid.NewGuid(), "A", "B");
        Assert.Equal(["A", "B"], await HeldByAsync(id));

        var handler = new ReservationHandler(Store);
        await handler.HandleAsync(stream, r => ReservationDecisions.Replace(r, "A", new GrantedDevice("R", "w2"), "Broken", T0.AddMinutes(1)), CancellationToken.None)
            .WaitAsync(Deadline);
        // The failed board stays held until it is released; its replacement is held from the replacement on.
        Assert.Equal(["A", "B", "R"], await HeldByAsync(id));
        await using (var session = Store.QuerySession())
        {
            var replacement = await session.LoadAsync<BoardHolder>("R").WaitAsync(Deadline);
            Assert.Equal(("w2", T0.AddMinutes(1)), (replacement!.Worker, replacement.Since));
        }

        await handler.HandleAsync(stream, r => ReservationDecisions.Release(r, "A", "released by the client", "client", T0.AddMinutes(2)), CancellationToken.None)
            .WaitAsync(Deadline);
        Assert.Equal(["B", "R"], await HeldByAsync(id));

        // Another grant of a held board fails at its commit and leaves nothing behind, whatever it read before.
        var other = Guid.NewGuid();
        await Assert.ThrowsAnyAsync<Exception>(() => GrantAsync(other, "C", "B"));
        Assert.Empty(await HeldByAsync(other));
        await using (var session = Store.QuerySession())
        {
            Assert.Null(await session.LoadAsync<ReservationView>(StreamIds.Reservation(other)).WaitAsync(Deadline));
        }

        await handler.HandleAsync(stream, r => ReservationDecisions.End(r, ReservationEndReason.EndedByClient, "client", T0.AddMinutes(3)), CancellationToken.None)
            .WaitAsync(Deadline);
        Assert.Empty(await HeldByAsync(id));
        await GrantAsync(other, "C", "B");
        Assert.Equal(["B", "C"], await HeldByAsync(other));
    }

    [Fact(Timeout = 120_000)]
    public async Task The_backfill_holds_for_active_reservations_the_boards_they_still_hold_and_nothing_else()
    {
        var (stream, id) = await GrantAsync(Guid.NewGuid(), "A", "B");
        await new ReservationHandler(Store).HandleAsync(
            stream, r => ReservationDecisions.Release(r, "A", "released by the client", "client", T0.AddMinutes(1)), CancellationToken.None).WaitAsync(Deadline);
        var (endedStream, ended) = await GrantAsync(Guid.NewGuid(), "E");
        await new ReservationHandler(Store).HandleAsync(
            endedStream, r => ReservationDecisions.End(r, ReservationEndReason.Expired, "farm", T0.AddMinutes(1)), CancellationToken.None).WaitAsync(Deadline);
        var (_, kept) = await GrantAsync(Guid.NewGuid(), "K");
        // As before the projection existed: the holds of the first reservation were never written.
        await using (var session = Store.LightweightSession())
        {
            session.DeleteWhere<BoardHolder>(h => h.ReservationId == id);
            await session.SaveChangesAsync().WaitAsync(Deadline);
        }

        await new BoardHolderBackfill(Store, NullLogger<BoardHolderBackfill>.Instance).StartAsync(CancellationToken.None).WaitAsync(Deadline);

        Assert.Equal(["B"], await HeldByAsync(id));
        Assert.Empty(await HeldByAsync(ended));
        Assert.Equal(["K"], await HeldByAsync(kept));
        await using (var session = Store.QuerySession())
        {
            Assert.Equal(2, await session.Query<BoardHolder>().CountAsync().WaitAsync(Deadline));
        }

        // Run again (another replica, the next start): nothing changes.
        await new BoardHolderBackfill(Store, NullLogger<BoardHolderBackfill>.Instance).StartAsync(CancellationToken.None).WaitAsync(Deadline);
        Assert.Equal(["B"], await HeldByAsync(id));
    }

    private async Task<string[]> HeldByAsync(Guid reservation)
    {
        await using var session = Store.QuerySession();
        var holds = await session.Query<BoardHolder>().Where(h => h.ReservationId == reservation).ToListAsync().WaitAsync(Deadline);
        return [.. holds.Select(h => h.Id).Order(StringComparer.Ordinal)];
    }

    private async Task<(string Stream, Guid Id)> GrantAsync(Guid id, params string[] serials)
    {
        await using var session = Store.LightweightSession();
        foreach (var serial in serials)
        {
            session.Events.Append(StreamIds.Device(serial), new DeviceStateRecorded(serial, "w1", DeviceState.Available, DeviceHealth.Good, "test", T0));
        }

        var granted = new ReservationGranted(id, "client", "pulsecount", new Dictionary<string, string>(),
            [.. serials.Select(s => new GrantedDevice(s, "w1"))], T0.AddHours(1), T0);
        session.Events.StartStream<ReservationView>(StreamIds.Reservation(id), granted);
        await session.SaveChangesAsync().WaitAsync(Deadline);
        return (StreamIds.Reservation(id), id);
    }
}
