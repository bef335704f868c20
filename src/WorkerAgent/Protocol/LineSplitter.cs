using System.Text;

namespace IceFarm.WorkerAgent.Protocol;

/// <summary>
/// Turns the firmware's byte stream into lines: CRLF or bare LF end a line, a CR and its LF may arrive
/// in different reads, and an over-long line (garbage, a desync) is cut rather than buffered forever.
/// </summary>
internal sealed class LineSplitter
{
    // The longest real line is the variance samples line: 500 × up to 5 characters.
    private const int MaxLineLength = 8 * 1024;

    private readonly StringBuilder _current = new();
    private readonly Queue<string> _lines = new();

    /// <summary>Lines completed and not yet taken.</summary>
    public int Pending => _lines.Count;

    /// <summary>Whether part of a line arrived and its end did not yet.</summary>
    public bool HasPartial => _current.Length > 0;

    /// <summary>Feeds bytes as they were read.</summary>
    public void Append(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b == (byte)'\n')
            {
                Complete();
                continue;
            }

            _current.Append((char)b);
            if (_current.Length >= MaxLineLength)
            {
                Complete();
            }
        }
    }

    /// <summary>Takes the next complete line, without its line ending.</summary>
    public bool TryTake(out string line)
    {
        if (_lines.Count == 0)
        {
            line = string.Empty;
            return false;
        }

        line = _lines.Dequeue();
        return true;
    }

    /// <summary>Forgets partial and pending lines (after reopening the port).</summary>
    public void Reset()
    {
        _current.Clear();
        _lines.Clear();
    }

    private void Complete()
    {
        var length = _current.Length;
        if (length > 0 && _current[length - 1] == '\r')
        {
            length--;
        }

        _lines.Enqueue(_current.ToString(0, length));
        _current.Clear();
    }
}
