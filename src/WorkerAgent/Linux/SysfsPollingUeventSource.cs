using System.Runtime.CompilerServices;
using IceFarm.WorkerAgent.Boards;
using IceFarm.WorkerAgent.Usb;

namespace IceFarm.WorkerAgent.Linux;

/// <summary>
/// The container-proof fallback of hardware.md §6.3: rescan sysfs every interval and turn differences in
/// (bus id, devnum, identity, port, partition) into synthetic add/remove events for the devices involved.
/// </summary>
internal sealed class SysfsPollingUeventSource(IBoardDiscovery discovery, TimeSpan interval, TimeProvider time) : IUeventSource
{
    /// <inheritdoc />
    public async IAsyncEnumerable<Uevent> ListenAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var previous = await SnapshotAsync(cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(interval, time, cancellationToken);
            var current = await SnapshotAsync(cancellationToken);
            foreach (var (serial, board) in previous.Where(p => !current.TryGetValue(p.Key, out var now) || now != p.Value))
            {
                yield return Synthetic("remove", board);
            }

            foreach (var (serial, board) in current.Where(c => !previous.TryGetValue(c.Key, out var before) || before != c.Value))
            {
                yield return Synthetic("add", board);
            }

            previous = current;
        }
    }

    private async Task<Dictionary<string, DiscoveredBoard>> SnapshotAsync(CancellationToken cancellationToken)
        => (await discovery.ScanAsync(cancellationToken)).ToDictionary(b => b.Serial, StringComparer.Ordinal);

    private static Uevent Synthetic(string action, DiscoveredBoard board) => new(
        action,
        $"/devices/polled/{board.BusId ?? board.Serial}",
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["SUBSYSTEM"] = "usb",
            ["DEVTYPE"] = "usb_device",
            ["ID_SERIAL_SHORT"] = board.Serial,
            ["SOURCE"] = "sysfs-poll",
        });
}
