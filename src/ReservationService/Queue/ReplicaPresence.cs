using IceFarm.FarmData.Queue;

namespace IceFarm.ReservationService.Queue;

/// <summary>
/// A replica's sign of life, renewed every <see cref="QueueOptions.PresenceInterval"/>: a queued request whose holder has
/// not been seen for <see cref="QueueOptions.HolderTimeout"/> has nobody left to answer, and leaves the line.
/// </summary>
internal sealed class ReplicaPresence
{
    public string Id { get; set; } = "";

    public DateTimeOffset SeenAt { get; set; }
}
