namespace IceFarm.WorkerAgent.Protocol;

/// <summary>One parsed firmware line.</summary>
/// <param name="Kind">What it says.</param>
/// <param name="Text">The line as received.</param>
/// <param name="Values">The numbers it carries (see <see cref="FirmwareLineKind"/>); empty when none.</param>
internal sealed record FirmwareLine(FirmwareLineKind Kind, string Text, IReadOnlyList<long> Values)
{
    /// <summary>The first number, for lines that carry one.</summary>
    public long Value => Values.Count > 0 ? Values[0] : throw new InvalidOperationException($"'{Text}' carries no number.");
}
