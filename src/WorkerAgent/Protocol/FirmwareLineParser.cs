using System.Globalization;
using System.Text.RegularExpressions;

namespace IceFarm.WorkerAgent.Protocol;

/// <summary>Recognises firmware lines; unknown lines are returned as <see cref="FirmwareLineKind.Unknown"/>, never thrown.</summary>
internal static partial class FirmwareLineParser
{
    /// <summary>Parses one line (without its line ending).</summary>
    public static FirmwareLine Parse(string line)
    {
        var text = line.Trim();
        var kind = text switch
        {
            "USB Connected :)" => FirmwareLineKind.UsbConnected,
            "USB Reconnected :)" => FirmwareLineKind.UsbReconnected,
            "USB Disconnected :(" => FirmwareLineKind.UsbDisconnected,
            "Waiting for bitstream transfer" => FirmwareLineKind.Ready,
            "Bitstream transfer started" => FirmwareLineKind.TransferStarted,
            "Receiving bitstream" => FirmwareLineKind.Receiving,
            "Flashing FPGA" => FirmwareLineKind.FlashingFpga,
            "Sampling ADC" => FirmwareLineKind.SamplingAdc,
            "IDLE" => FirmwareLineKind.Idle,
            "default firmware" => FirmwareLineKind.DefaultFirmware,
            _ => FirmwareLineKind.Unknown,
        };
        if (kind != FirmwareLineKind.Unknown)
        {
            return new FirmwareLine(kind, line, []);
        }

        return Match(Received(), text, FirmwareLineKind.Received, line)
            ?? Match(Watchdog(), text, FirmwareLineKind.WatchdogTimeout, line)
            ?? Match(FlashTimes(), text, FirmwareLineKind.FlashTimes, line)
            ?? Match(Pulses(), text, FirmwareLineKind.Pulses, line)
            ?? ParseSamples(text, line)
            ?? new FirmwareLine(FirmwareLineKind.Unknown, line, []);
    }

    private static FirmwareLine? Match(Regex regex, string text, FirmwareLineKind kind, string line)
    {
        var match = regex.Match(text);
        if (!match.Success)
        {
            return null;
        }

        var values = new List<long>(match.Groups.Count - 1);
        for (var i = 1; i < match.Groups.Count; i++)
        {
            if (!long.TryParse(match.Groups[i].ValueSpan, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                return null;
            }

            values.Add(value);
        }

        return new FirmwareLine(kind, line, values);
    }

    private static FirmwareLine? ParseSamples(string text, string line)
    {
        var match = Samples().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var values = new List<long>();
        foreach (var part in match.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return null;
            }

            values.Add(value);
        }

        return new FirmwareLine(FirmwareLineKind.Samples, line, values);
    }

    [GeneratedRegex(@"^Received bitstream in (\d+) us :\)$", RegexOptions.CultureInvariant)]
    private static partial Regex Received();

    [GeneratedRegex(@"^Watchdog timeout, (\d+) bytes received of (\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex Watchdog();

    [GeneratedRegex(@"^FPGA Flash times \(us\): init (-?\d+), start (-?\d+), open (-?\d+), write (-?\d+), close (-?\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex FlashTimes();

    // The firmware's printf puts the count on a line of its own that begins with ", pulses: ".
    [GeneratedRegex(@"^,?\s*pulses: (\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex Pulses();

    [GeneratedRegex(@"^samples:\s*([\d,\s]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex Samples();
}
