namespace IceFarm.AdminApi.Farm;

/// <summary>
/// How many boards one worker has in one state, how many of those are reserved, and how many unreserved ones an operator
/// or failed health checks hold out of allocation: PostgreSQL groups, .NET adds.
/// </summary>
internal sealed record DeviceCountRow(string Worker, string State, int Boards, int Reserved, int Held = 0)
{
    /// <summary>Boards a reservation could take.</summary>
    public int Free => Boards - Reserved - Held;
}
