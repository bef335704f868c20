using System.Globalization;

namespace IceFarm.Bench.Boards;

/// <summary>
/// Where the worker's time between two results on a busy board goes, split at the port's seams (<see cref="PortTap"/>):
/// previous result → first byte of the next bitstream (actor takes the next command, catches up on lines, checks the
/// ready line), first byte → result read minus the board's own time (simulator timers and the port's delivery), result
/// read → result stamped (line parsing, building the result). Writing runs alongside the board's transfer.
/// </summary>
internal sealed class OverheadPhases
{
    private readonly List<double> _toFirstByte = [];
    private readonly List<double> _writing = [];
    private readonly List<double> _boardLate = [];
    private readonly List<double> _toStamp = [];
    private readonly List<double> _sendToFirstByte = [];

    /// <summary>The first of a batch: from the bench's send to the first byte on the port (RabbitMQ, consumer, actor).</summary>
    public void AddFirst(DateTimeOffset sent, DateTimeOffset firstByte) => _sendToFirstByte.Add((firstByte - sent).TotalMilliseconds);

    public void Add(DateTimeOffset previous, DateTimeOffset firstByte, DateTimeOffset lastByte, DateTimeOffset resultRead, DateTimeOffset stamped, TimeSpan board)
    {
        _toFirstByte.Add((firstByte - previous).TotalMilliseconds);
        _writing.Add((lastByte - firstByte).TotalMilliseconds);
        _boardLate.Add((resultRead - firstByte - board).TotalMilliseconds);
        _toStamp.Add((stamped - resultRead).TotalMilliseconds);
    }

    public void Print(string label)
    {
        if (_toFirstByte.Count == 0)
        {
            return;
        }

        var first = _sendToFirstByte.Count > 0 ? $"; first of a batch, send → first byte {Span(_sendToFirstByte)}" : "";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}   phases between results ({_toFirstByte.Count} evaluations; mean / p99 ms): result → next first byte {Span(_toFirstByte)}; " +
            $"first byte → result read − board time {Span(_boardLate)}; result read → result stamped {Span(_toStamp)}; " +
            $"(writing the 104 kB, alongside the transfer: {Span(_writing)}){first}"));
    }

    private static string Span(List<double> values)
    {
        var sorted = values.Order().ToList();
        return string.Create(CultureInfo.InvariantCulture, $"{sorted.Average():F2} / {Percentiles.Of(sorted, 99):F2}");
    }
}
