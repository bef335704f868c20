using IceFarm.Contracts.Devices;
using IceFarm.FarmData.Devices;
using IceFarm.FarmData.Reservations;
using IceFarm.FarmData.Workers;
using IceFarm.ReservationService.Reservations;
using Xunit;

namespace IceFarm.ReservationService.Tests.Index;

/// <summary>The free-board index on its own, in memory.</summary>
public sealed class FreeBoardIndexSpecs
{
    [Fact]
    public void Claims_spread_over_the_workers_fullest_first_and_no_board_is_handed_out_twice_until_settled()
    {
        var index = Farm(("w-big", ["pulsecount"], 3), ("w-small", ["pulsecount"], 1));

        var first = index.TryClaim("pulsecount", 2)!;
        Assert.Equal(["w-big", "w-small"], first.Select(c => c.Worker));
        var second = index.TryClaim("pulsecount", 2)!;
        Assert.All(second, c => Assert.Equal("w-big", c.Worker));
        Assert.Null(index.TryClaim("pulsecount", 1));
        Assert.Equal(4, first.Concat(second).Select(c => c.Serial).Distinct().Count());

        index.Settle(first);
        Assert.Equal(first.Select(c => c.Serial).Order(), index.FreeSerials("pulsecount").Order());
    }

    [Fact]
    public void A_board_granted_while_claimed_is_not_offered_again_when_the_claim_settles()
    {
        var index = Farm(("w", ["pulsecount"], 1));
        var claim = index.TryClaim("pulsecount", 1)!;

        index.Observe(Device(claim[0].Serial, "w"), Holder(claim[0].Serial, Guid.NewGuid()));
        index.Settle(claim);

        Assert.Empty(index.FreeSerials("pulsecount"));
        Assert.Null(index.TryClaim("pulsecount", 1));
    }

    [Fact]
    public void Offline_draining_unknown_and_other_kind_workers_offer_nothing()
    {
        var index = Farm(("w-off", ["pulsecount"], 1), ("w-drain", ["pulsecount"], 1), ("w-variance", ["variance"], 1));
        index.Observe(new WorkerView { Name = "w-off", Kinds = ["pulsecount"], Online = false });
        index.Observe(new WorkerView { Name = "w-drain", Kinds = ["pulsecount"], Online = true, Draining = true });
        index.Observe(Device("ORPHAN", "w-never-seen"));

        Assert.Empty(index.FreeSerials("pulsecount"));
        Assert.Null(index.TryClaim("pulsecount", 1));
        Assert.Single(index.FreeSerials("variance"));
    }

    [Fact]
    public void Broken_boards_and_boards_that_moved_to_another_worker_follow_their_latest_view()
    {
        var index = Farm(("w-a", ["pulsecount"], 2), ("w-b", ["variance"], 0));
        index.Observe(Device("w-a-0", "w-a", state: DeviceState.Broken));
        index.Observe(Device("w-a-1", "w-b"));

        Assert.Empty(index.FreeSerials("pulsecount"));
        Assert.Equal(["w-a-1"], index.FreeSerials("variance"));
    }

    [Fact]
    public void A_reload_that_started_before_an_observation_does_not_undo_it()
    {
        var index = Farm(("w", ["pulsecount"], 1));
        var since = index.Sequence;
        index.Observe(Device("w-0", "w"), Holder("w-0", Guid.NewGuid()));

        index.Refresh([Device("w-0", "w")], new Dictionary<string, Guid>(), [], since, complete: true);

        Assert.Empty(index.FreeSerials("pulsecount"));
        index.Refresh([Device("w-0", "w")], new Dictionary<string, Guid>(), [], index.Sequence, complete: true);
        Assert.Equal(["w-0"], index.FreeSerials("pulsecount"));
    }

    [Fact]
    public void A_reservation_view_holds_its_boards_and_lets_go_only_of_boards_it_held()
    {
        var index = Farm(("w", ["pulsecount"], 3));
        var first = Reservation(Guid.NewGuid(), active: true, ("w-0", ReservationDeviceState.Ready), ("w-1", ReservationDeviceState.Preparing));
        index.Observe(first);
        Assert.Equal(["w-2"], index.FreeSerials("pulsecount"));

        // w-0 released, and handed to a second reservation before the first one's view of the release is observed.
        var second = Reservation(Guid.NewGuid(), active: true, ("w-0", ReservationDeviceState.Preparing));
        index.Observe(second);
        index.Observe(Reservation(first.ReservationId, active: true, ("w-0", ReservationDeviceState.Released), ("w-1", ReservationDeviceState.Ready)));
        Assert.Equal(["w-2"], index.FreeSerials("pulsecount"));

        // The first one ends: w-1 is free; w-0 stays the second one's, and is free once that one ends too.
        index.Observe(Reservation(first.ReservationId, active: false, ("w-0", ReservationDeviceState.Released), ("w-1", ReservationDeviceState.Released)));
        Assert.Equal(["w-1", "w-2"], index.FreeSerials("pulsecount").Order());
        index.Observe(Reservation(second.ReservationId, active: false, ("w-0", ReservationDeviceState.Released)));
        Assert.Equal(["w-0", "w-1", "w-2"], index.FreeSerials("pulsecount").Order());
    }

    private static FreeBoardIndex Farm(params (string Worker, string[] Kinds, int Boards)[] workers)
    {
        var index = new FreeBoardIndex();
        foreach (var (worker, kinds, boards) in workers)
        {
            index.Observe(new WorkerView { Name = worker, Kinds = [.. kinds], Online = true });
            for (var i = 0; i < boards; i++)
            {
                index.Observe(Device($"{worker}-{i}", worker));
            }
        }

        return index;
    }

    private static DeviceView Device(string serial, string worker, DeviceState state = DeviceState.Available) =>
        new() { Id = $"device-{serial}", Serial = serial, Worker = worker, State = state };

    private static BoardHolder Holder(string serial, Guid reservation) => new() { Id = serial, ReservationId = reservation, Worker = "w" };

    private static ReservationView Reservation(Guid id, bool active, params (string Serial, ReservationDeviceState State)[] boards) => new()
    {
        Id = $"reservation-{id:N}", ReservationId = id, Active = active,
        Devices = [.. boards.Select(b => new ReservationDeviceView { Serial = b.Serial, Worker = "w", State = b.State })],
    };
}
