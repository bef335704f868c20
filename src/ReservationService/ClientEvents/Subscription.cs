using System.Threading.Channels;

namespace IceFarm.ReservationService.ClientEvents;

/// <summary>A live feed of a client's events; disposing stops it.</summary>
internal sealed class Subscription(ChannelReader<StreamEvent> live, Action unsubscribe) : IDisposable
{
    public ChannelReader<StreamEvent> Live { get; } = live;

    public void Dispose() => unsubscribe();
}
