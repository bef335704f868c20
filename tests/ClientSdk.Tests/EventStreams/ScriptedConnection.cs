using System.Text;
using System.Threading.Channels;

namespace IceFarm.Client.Tests.EventStreams;

/// <summary>One open <c>GET /api/v1/events</c> of a <see cref="ScriptedEventServer"/>: the test writes its frames.</summary>
internal sealed class ScriptedConnection(string? lastEventId)
{
    private readonly Channel<string> _frames = Channel.CreateUnbounded<string>();
    private long _sent;

    /// <summary>The <c>Last-Event-ID</c> header the client resumed with, if any.</summary>
    public string? LastEventId { get; } = lastEventId;

    /// <summary>How many body bytes the test has sent on this connection so far.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    internal ChannelReader<string> Frames => _frames.Reader;

    public void Send(string frame)
    {
        Interlocked.Add(ref _sent, Encoding.UTF8.GetByteCount(frame));
        _frames.Writer.TryWrite(frame);
    }

    /// <summary>Ends the response once the frames sent so far are written.</summary>
    public void End() => _frames.Writer.TryComplete();
}
