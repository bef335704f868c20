namespace IceFarm.FarmData.Queue;

/// <summary>Where a queued reserve request stands. Only <see cref="Waiting"/> requests are in line.</summary>
internal enum QueueState
{
    Waiting,
    Granted,
    Withdrawn,
    Expired,
}
