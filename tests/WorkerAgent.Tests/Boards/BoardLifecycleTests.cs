using IceFarm.Contracts.Devices;
using IceFarm.WorkerAgent.Boards;

namespace IceFarm.WorkerAgent.Tests.Boards;

public sealed class BoardLifecycleTests
{
    public static TheoryData<DeviceState, DeviceState> AllPairs()
    {
        var data = new TheoryData<DeviceState, DeviceState>();
        foreach (var from in Enum.GetValues<DeviceState>())
        {
            foreach (var to in Enum.GetValues<DeviceState>())
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    [Fact]
    public void HappyPath_IsLegalEdgeByEdge()
    {
        var lifecycle = new BoardLifecycle();

        foreach (var state in new[]
        {
            DeviceState.FlashingDefault, DeviceState.SelfTest, DeviceState.Available, DeviceState.Preparing,
            DeviceState.Serving, DeviceState.Releasing, DeviceState.SelfTest, DeviceState.Available,
        })
        {
            lifecycle.MoveTo(state, $"to {state}");
        }

        Assert.Equal(DeviceState.Available, lifecycle.State);
        Assert.Equal("to Available", lifecycle.Reason);
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void EveryPair_IsAcceptedExactlyWhenTheTableHasIt(DeviceState from, DeviceState to)
    {
        var expected = ExpectedEdges.Contains((from, to));

        Assert.Equal(expected, BoardLifecycle.IsAllowed(from, to));
    }

    [Fact]
    public void IllegalEdge_IsRejectedAndTheStateKept()
    {
        var lifecycle = new BoardLifecycle();

        var error = Assert.Throws<IllegalTransitionException>(() => lifecycle.MoveTo(DeviceState.Serving, "skipping ahead"));

        Assert.Equal(DeviceState.Discovered, error.From);
        Assert.Equal(DeviceState.Serving, error.To);
        Assert.Equal(DeviceState.Discovered, lifecycle.State);
    }

    [Fact]
    public void BrokenBoard_CanOnlyBeRetriedRebootedIntoItsReservationOrGoOffline()
    {
        Assert.Equal(
            [DeviceState.FlashingDefault, DeviceState.Preparing, DeviceState.Offline],
            Enum.GetValues<DeviceState>().Where(to => BoardLifecycle.IsAllowed(DeviceState.Broken, to)));
    }

    // Written out independently of the implementation so that a changed table fails here.
    private static readonly HashSet<(DeviceState, DeviceState)> ExpectedEdges =
    [
        (DeviceState.Discovered, DeviceState.FlashingDefault),
        (DeviceState.Discovered, DeviceState.Broken),
        (DeviceState.FlashingDefault, DeviceState.SelfTest),
        (DeviceState.FlashingDefault, DeviceState.Broken),
        (DeviceState.SelfTest, DeviceState.Available),
        (DeviceState.SelfTest, DeviceState.Broken),
        (DeviceState.Available, DeviceState.Preparing),
        (DeviceState.Available, DeviceState.FlashingDefault),
        (DeviceState.Available, DeviceState.SelfTest),
        (DeviceState.Available, DeviceState.Broken),
        (DeviceState.Preparing, DeviceState.Serving),
        (DeviceState.Preparing, DeviceState.Broken),
        (DeviceState.Serving, DeviceState.Releasing),
        (DeviceState.Serving, DeviceState.Preparing),
        (DeviceState.Broken, DeviceState.Preparing),
        (DeviceState.Serving, DeviceState.Broken),
        (DeviceState.Releasing, DeviceState.SelfTest),
        (DeviceState.Releasing, DeviceState.Broken),
        (DeviceState.Broken, DeviceState.FlashingDefault),
        (DeviceState.Discovered, DeviceState.Offline),
        (DeviceState.FlashingDefault, DeviceState.Offline),
        (DeviceState.SelfTest, DeviceState.Offline),
        (DeviceState.Available, DeviceState.Offline),
        (DeviceState.Preparing, DeviceState.Offline),
        (DeviceState.Serving, DeviceState.Offline),
        (DeviceState.Releasing, DeviceState.Offline),
        (DeviceState.Broken, DeviceState.Offline),
        (DeviceState.Offline, DeviceState.Discovered),
    ];
}
