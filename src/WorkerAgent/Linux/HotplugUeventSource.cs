using System.Runtime.CompilerServices;
using IceFarm.WorkerAgent.Usb;
using Microsoft.Extensions.Logging;

namespace IceFarm.WorkerAgent.Linux;

/// <summary>Netlink when the kernel lets this process listen, sysfs polling otherwise (or when netlink fails later).</summary>
internal sealed class HotplugUeventSource(NetlinkUeventSource netlink, SysfsPollingUeventSource polling, ILogger logger) : IUeventSource
{
    /// <inheritdoc />
    public async IAsyncEnumerable<Uevent> ListenAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var probe = NetlinkUeventSource.TryOpen(logger);
        if (probe is { } fd)
        {
            NetlinkNative.Close(fd);
            logger.LogInformation("Watching hot-plug through netlink uevents");
            await using var events = netlink.ListenAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
            while (await NextOrFailAsync(events))
            {
                yield return events.Current;
            }
        }

        if (cancellationToken.IsCancellationRequested)
        {
            yield break;
        }

        logger.LogInformation("Watching hot-plug by polling sysfs");
        await foreach (var uevent in polling.ListenAsync(cancellationToken))
        {
            yield return uevent;
        }
    }

    private async Task<bool> NextOrFailAsync(IAsyncEnumerator<Uevent> events)
    {
        try
        {
            return await events.MoveNextAsync();
        }
        catch (IOException ex)
        {
            logger.LogWarning(ex, "Netlink uevents failed; switching to sysfs polling");
            return false;
        }
    }
}
