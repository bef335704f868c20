using IceFarm.FarmData.Devices;

namespace IceFarm.ReservationService.Reservations;

/// <summary>Which of the free boards read from the projection a grant takes.</summary>
internal static class CandidateChoice
{
    public static List<DeviceView>? Named(List<DeviceView> free, IReadOnlyList<string> serials)
    {
        var bySerial = free.ToDictionary(d => d.Serial, StringComparer.Ordinal);
        var chosen = new List<DeviceView>(serials.Count);
        foreach (var serial in serials)
        {
            if (!bySerial.TryGetValue(serial, out var device))
            {
                return null;
            }

            chosen.Add(device);
        }

        return chosen;
    }

    /// <summary>Round-robin over workers, fullest first, so one host's failure takes as few boards of a grant as possible.</summary>
    public static List<DeviceView>? SpreadAcrossWorkers(List<DeviceView> free, int amount)
    {
        if (free.Count < amount)
        {
            return null;
        }

        var queues = free.GroupBy(d => d.Worker, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Queue<DeviceView>(g))
            .ToList();
        var chosen = new List<DeviceView>(amount);
        while (chosen.Count < amount)
        {
            foreach (var queue in queues.Where(q => q.Count > 0))
            {
                chosen.Add(queue.Dequeue());
                if (chosen.Count == amount)
                {
                    break;
                }
            }
        }

        return chosen;
    }
}
