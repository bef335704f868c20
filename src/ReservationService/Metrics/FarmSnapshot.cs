namespace IceFarm.ReservationService.Metrics;

/// <summary>What the gauges report, sampled from the projections.</summary>
internal sealed record FarmSnapshot(
    IReadOnlyList<(string State, string Health, int Count)> Boards,
    int ActiveReservations,
    IReadOnlyList<(string Worker, bool Online, double AgeSeconds)> HeartbeatAges,
    int DrainsInProgress,
    int OpenEvaluations = 0)
{
    public static FarmSnapshot Empty { get; } = new([], 0, [], 0);
}
