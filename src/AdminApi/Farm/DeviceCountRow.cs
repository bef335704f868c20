namespace IceFarm.AdminApi.Farm;

/// <summary>How many boards one worker has in one state, and how many of those are reserved: PostgreSQL groups, .NET adds.</summary>
internal sealed record DeviceCountRow(string Worker, string State, int Boards, int Reserved);
