using IceFarm.Contracts.Evaluations;
using IceFarm.WorkerAgent.Boards;
using IceFarm.WorkerAgent.Protocol;

namespace IceFarm.WorkerAgent.Kinds;

/// <summary><c>pulsecount</c>: rising edges on the counter pin over the firmware's 1 s window (hardware.md §5.4); no arguments.</summary>
internal sealed class PulseCountKind : EvaluationKind
{
    /// <inheritdoc />
    public override string Name => FirmwareKinds.PulseCount;

    /// <inheritdoc />
    public override FirmwareKind Firmware => FirmwareKind.PulseCount;

    /// <inheritdoc />
    public override FirmwareLineKind ResultLine => FirmwareLineKind.Pulses;

    /// <inheritdoc />
    public override KindArguments? Parse(IReadOnlyDictionary<string, string> args, out string? error)
    {
        error = UnknownArguments(args);
        return error is null ? PulseCountArguments.Instance : null;
    }

    /// <inheritdoc />
    public override EvaluationValue Measure(FirmwareLine result, KindArguments arguments) => new(Name, result.Value, null, null);
}
