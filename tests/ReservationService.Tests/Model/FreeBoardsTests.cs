using IceFarm.Contracts.Devices;
using IceFarm.FarmData.Devices;
using IceFarm.FarmData.Reservations;
using IceFarm.FarmData.Store;
using IceFarm.ReservationService.Reservations;
using Xunit;

namespace IceFarm.ReservationService.Tests.Model;

/// <summary>
/// The projection's free boards when many held boards are idle on their worker (a worker restarted with its reserved
/// boards, before they are prepared again): the free ones are still found and counted, so nobody is refused while a
/// board is free.
/// </summary>
public sealed class When_held_boards_are_idle_on_their_worker : FarmStoreOfItsOwn
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    [Fact(Timeout = 120_000)]
    public async Task The_free_board_behind_them_is_sampled_and_counted()
    {
        // The held boards are stored first, so a read of the first rows sees only them.
        var held = Enumerable.Range(0, 40).Select(i => $"H{i:D2}").ToArray();
        await using (var session = Store.LightweightSession())
        {
            foreach (var serial in held.Append("FREE"))
            {
                session.Events.Append(StreamIds.Device(serial), new DeviceStateRecorded(serial, "w", DeviceState.Available, DeviceHealth.Good, "test", T0));
            }

            await session.SaveChangesAsync().WaitAsync(Deadline);
        }

        await using (var session = Store.LightweightSession())
        {
            var id = Guid.NewGuid();
            session.Events.StartStream<ReservationView>(StreamIds.Reservation(id), new ReservationGranted(id, "client", "pulsecount",
                new Dictionary<string, string>(), [.. held.Select(s => new GrantedDevice(s, "w"))], T0.AddHours(1), T0));
            await session.SaveChangesAsync().WaitAsync(Deadline);
        }

        await using var query = Store.QuerySession();
        Assert.Equal(["FREE"], (await FreeBoards.SampleAsync(query, ["w"], 1, null, CancellationToken.None).WaitAsync(Deadline)).Select(d => d.Serial));
        Assert.Empty(await FreeBoards.SampleAsync(query, ["w"], 1, "FREE", CancellationToken.None).WaitAsync(Deadline));
        Assert.Equal(1, await FreeBoards.CountAsync(query, ["w"], CancellationToken.None).WaitAsync(Deadline));
    }
}
