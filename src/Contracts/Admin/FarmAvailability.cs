namespace IceFarm.Contracts.Admin;

/// <summary>Counts of the farm's boards for <c>GET /api/admin/availability</c>.</summary>
/// <param name="Total">Every known board.</param>
/// <param name="Reserved">Boards held by a reservation.</param>
/// <param name="Broken">Boards in the Broken state.</param>
/// <param name="Offline">Boards that are unplugged or whose worker is silent.</param>
/// <param name="AvailableByKind">Per kind, free boards on online workers that serve it and are neither draining nor in maintenance.</param>
/// <param name="ByState">Number of boards in each lifecycle state.</param>
public sealed record FarmAvailability(
    int Total,
    int Reserved,
    int Broken,
    int Offline,
    IReadOnlyDictionary<string, int> AvailableByKind,
    IReadOnlyDictionary<string, int> ByState);
