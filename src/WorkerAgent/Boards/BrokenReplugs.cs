using IceFarm.Contracts.Devices;

namespace IceFarm.WorkerAgent.Boards;

/// <summary>
/// Notices a Broken board that re-enumerated (replugged faster than <see cref="BoardOptions.OfflineAfter"/>,
/// or reset by hand): its USB device number changes although nobody is flashing it. The first scan that
/// sees the board Broken only records its number, so a re-enumeration its own failed flash left behind
/// counts at most once.
/// </summary>
internal sealed class BrokenReplugs
{
    private readonly Dictionary<string, int> _devnumWhenBroken = new(StringComparer.Ordinal);

    /// <summary>The serials of Broken boards that re-enumerated since the previous scan.</summary>
    public HashSet<string> Observe(IReadOnlyList<DiscoveredBoard> scanned, IEnumerable<BoardActor> actors)
    {
        var replugged = new HashSet<string>(StringComparer.Ordinal);
        var seen = scanned.ToDictionary(b => b.Serial, b => b.Devnum, StringComparer.Ordinal);
        foreach (var actor in actors)
        {
            if (actor.Summary.State != DeviceState.Broken)
            {
                _devnumWhenBroken.Remove(actor.Serial);
                continue;
            }

            if (!seen.TryGetValue(actor.Serial, out var devnum))
            {
                continue;
            }

            if (_devnumWhenBroken.TryGetValue(actor.Serial, out var before) && before != devnum)
            {
                replugged.Add(actor.Serial);
            }

            _devnumWhenBroken[actor.Serial] = devnum;
        }

        return replugged;
    }
}
