using System.Threading.Channels;

namespace IceFarm.Client.Internal;

/// <summary>A wake-up that coalesces: any number of <see cref="Set"/> calls wake one waiter once.</summary>
internal sealed class Signal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Set() => _channel.Writer.TryWrite(true);

    /// <summary>Returns when set or after <paramref name="timeout"/>, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var delay = Task.Delay(timeout, time, stop.Token);
        var set = _channel.Reader.WaitToReadAsync(stop.Token).AsTask();
        await Task.WhenAny(delay, set);
        await stop.CancelAsync();
        ct.ThrowIfCancellationRequested();
        _channel.Reader.TryRead(out _);
    }
}
