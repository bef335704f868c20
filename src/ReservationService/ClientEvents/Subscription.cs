using System.Threading.Channels;

namespace IceFarm.ReservationService.ClientEvents;

/// <summary>Events to replay, then the live feed; disposing stops the feed.</summary>
internal sealed class Subscription(IReadOnlyList<StreamEvent> replay, ChannelReader<StreamEvent> live, Action unsubscribe) : IDisposable
{
    public IReadOnlyList<StreamEvent> Replay { get; } = replay;

    public ChannelReader<StreamEvent> Live { get; } = live;

    public void Dispose() => unsubscribe();
}
