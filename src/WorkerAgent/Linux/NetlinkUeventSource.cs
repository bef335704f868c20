using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using IceFarm.WorkerAgent.Usb;
using Microsoft.Extensions.Logging;

namespace IceFarm.WorkerAgent.Linux;

/// <summary>
/// Kernel uevents from a NETLINK_KOBJECT_UEVENT socket bound to group 1 (raw kernel events, which
/// unprivileged processes may receive). They arrive before udev has made the /dev nodes, which is why
/// discovery only reports a node once it exists.
/// </summary>
internal sealed class NetlinkUeventSource(ILogger logger) : IUeventSource
{
    private const int KernelGroup = 1;
    private const int PollMilliseconds = 250;

    /// <summary>Opens and binds the socket; null (with the reason logged) where netlink is not available.</summary>
    public static int? TryOpen(ILogger logger)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var fd = NetlinkNative.Socket(NetlinkNative.AfNetlink, NetlinkNative.SockDgram | NetlinkNative.SockCloexec, NetlinkNative.NetlinkKobjectUevent);
        if (fd < 0)
        {
            logger.LogWarning("Netlink uevent socket unavailable (errno {Errno}); falling back to sysfs polling", Marshal.GetLastPInvokeError());
            return null;
        }

        var address = new NetlinkNative.SockaddrNl { Family = NetlinkNative.AfNetlink, Groups = KernelGroup };
        if (NetlinkNative.Bind(fd, ref address, Marshal.SizeOf<NetlinkNative.SockaddrNl>()) < 0)
        {
            logger.LogWarning("Netlink uevent socket could not bind (errno {Errno}); falling back to sysfs polling", Marshal.GetLastPInvokeError());
            NetlinkNative.Close(fd);
            return null;
        }

        return fd;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<Uevent> ListenAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var fd = TryOpen(logger) ?? throw new IOException("netlink uevent socket unavailable");
        var channel = Channel.CreateUnbounded<Uevent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

        // recv blocks, so it runs on its own thread and polls with a timeout to notice cancellation.
        var reader = Task.Factory.StartNew(() => Receive(fd, channel.Writer, cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            await foreach (var uevent in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return uevent;
            }
        }
        finally
        {
            await reader.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            NetlinkNative.Close(fd);
        }
    }

    private void Receive(int fd, ChannelWriter<Uevent> writer, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        var poll = new NetlinkNative.PollFd { Fd = fd, Events = NetlinkNative.PollIn };
        while (!cancellationToken.IsCancellationRequested)
        {
            if (NetlinkNative.Poll(ref poll, 1, PollMilliseconds) <= 0)
            {
                continue;
            }

            var length = NetlinkNative.Recv(fd, buffer, (nuint)buffer.Length, 0);
            if (length <= 0)
            {
                logger.LogWarning("Netlink receive failed (errno {Errno}); hot-plug events stop until restart", Marshal.GetLastPInvokeError());
                writer.TryComplete(new IOException("netlink receive failed"));
                return;
            }

            if (UeventParser.TryParse(buffer.AsSpan(0, (int)length)) is { } uevent)
            {
                writer.TryWrite(uevent);
            }
        }

        writer.TryComplete();
    }
}
