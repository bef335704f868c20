using IceFarm.Contracts.Bitstreams;
using IceFarm.Contracts.Evaluations;
using IceFarm.WorkerAgent.Simulation;

namespace IceFarm.Bench.Boards;

/// <summary>
/// The board's own time for one pulse-count evaluation under a simulation profile: USB transfer + FPGA (CRAM) load +
/// measurement window. Everything else between two results is the worker's.
/// </summary>
internal sealed class BoardTime(SimulationProfile profile)
{
    /// <summary>Transfer at the profile's nominal rate.</summary>
    public TimeSpan NominalTransfer => TimeSpan.FromSeconds(Ice40Bitstream.Up5kSize / profile.BitstreamBytesPerSecond);

    /// <summary>The slowest transfer the profile's jitter allows; a reported transfer above it was paced by the worker's writes.</summary>
    public TimeSpan SlowestTransfer => TimeSpan.FromSeconds(Ice40Bitstream.Up5kSize / (profile.BitstreamBytesPerSecond * (1 - profile.TransferJitter)));

    public TimeSpan Nominal => NominalTransfer + profile.CramLoad + profile.PulseWindow;

    /// <summary>
    /// The transfer this evaluation's board reported ("Received bitstream in N us": the profile's rate with this transfer's
    /// jitter), capped at the slowest the profile allows so that a worker slow to write counts as overhead, not board time.
    /// </summary>
    public TimeSpan TransferOf(EvaluationCompleted completed)
    {
        var reported = completed.Telemetry?.TransferMicroseconds is { } micros ? TimeSpan.FromMicroseconds(micros) : NominalTransfer;
        return reported < SlowestTransfer ? reported : SlowestTransfer;
    }

    public bool WorkerPaced(EvaluationCompleted completed) =>
        completed.Telemetry?.TransferMicroseconds is { } micros && TimeSpan.FromMicroseconds(micros) > SlowestTransfer;

    public TimeSpan Of(EvaluationCompleted completed) => TransferOf(completed) + profile.CramLoad + profile.PulseWindow;
}
