using IceFarm.Client;
using IceFarm.Client.Events;
using IceFarm.Contracts.Http;

namespace IceFarm.ReservationService.Tests.Replicas;

/// <summary>A client's event stream on one replica or the other, read through the SDK.</summary>
internal static class ReplicaStreams
{
    public static FarmClient Connect(Uri baseAddress, string token) => new(new FarmClientOptions { BaseAddress = baseAddress, Token = token });

    /// <summary>Everything up to and including the reservation's end.</summary>
    public static async Task<List<FarmEvent>> ReadUntilEndedAsync(FarmEventStream stream, TimeSpan deadline)
    {
        using var cts = new CancellationTokenSource(deadline);
        var events = new List<FarmEvent>();
        await foreach (var item in stream.ReadAllAsync(cts.Token))
        {
            events.Add(item);
            if (item.Type == StreamEventTypes.ReservationEnded)
            {
                break;
            }
        }

        return events;
    }
}
