using System.Globalization;
using System.Text;

namespace IceFarm.Client.Events;

/// <summary>Parses a text/event-stream (id, event, data fields; comments start with ':').</summary>
internal sealed class ServerSentEventReader(Stream stream) : IDisposable
{
    private readonly StreamReader _reader = new(stream, Encoding.UTF8);

    public void Dispose() => _reader.Dispose();

    /// <summary>Reads the next event or comment; null at the end of the stream.</summary>
    public async Task<ServerSentItem?> ReadAsync(CancellationToken ct)
    {
        long? id = null;
        var type = "message";
        var data = new StringBuilder();
        var any = false;
        while (await _reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0)
            {
                if (any)
                {
                    return new ServerSentItem(null, id, type, data.ToString());
                }

                continue;
            }

            if (line[0] == ':' && !any)
            {
                return new ServerSentItem(line[1..].Trim(), null, "", "");
            }

            if (line[0] == ':')
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            any = true;
            switch (field)
            {
                case "id" when long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed):
                    id = parsed;
                    break;
                case "event":
                    type = value;
                    break;
                case "data":
                    if (data.Length > 0)
                    {
                        data.Append('\n');
                    }

                    data.Append(value);
                    break;
            }
        }

        return null;
    }
}
