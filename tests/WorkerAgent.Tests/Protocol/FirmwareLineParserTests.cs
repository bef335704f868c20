using IceFarm.WorkerAgent.Protocol;

namespace IceFarm.WorkerAgent.Tests.Protocol;

public sealed class FirmwareLineParserTests
{
    [Theory]
    [InlineData("Waiting for bitstream transfer", "Ready")]
    [InlineData("USB Connected :)", "UsbConnected")]
    [InlineData("USB Reconnected :)", "UsbReconnected")]
    [InlineData("USB Disconnected :(", "UsbDisconnected")]
    [InlineData("IDLE", "Idle")]
    [InlineData("default firmware", "DefaultFirmware")]
    [InlineData("AT+CGMI", "Unknown")]
    [InlineData("Waiting for bitstr", "Unknown")]
    public void FixedLines_AreRecognisedExactly(string line, string kind)
        => Assert.Equal(Enum.Parse<FirmwareLineKind>(kind), FirmwareLineParser.Parse(line).Kind);

    [Fact]
    public void PulseLine_StartsWithACommaAndCarriesTheCount()
    {
        var line = FirmwareLineParser.Parse(", pulses: 1998");

        Assert.Equal(FirmwareLineKind.Pulses, line.Kind);
        Assert.Equal(1998, line.Value);
    }

    [Fact]
    public void FlashTimes_CarryFivePhasesIncludingFailures()
    {
        var line = FirmwareLineParser.Parse("FPGA Flash times (us): init 5, start 2, open -1, write 22170, close 11");

        Assert.Equal(FirmwareLineKind.FlashTimes, line.Kind);
        Assert.Equal([5L, 2, -1, 22170, 11], line.Values);
    }

    [Fact]
    public void WatchdogAndReceived_CarryTheirNumbers()
    {
        Assert.Equal(1000, FirmwareLineParser.Parse("Watchdog timeout, 1000 bytes received of 104090").Value);
        Assert.Equal(143210, FirmwareLineParser.Parse("Received bitstream in 143210 us :)").Value);
    }

    [Fact]
    public void Samples_AreSplitOnCommas()
    {
        var line = FirmwareLineParser.Parse("samples: 2047,2050,4095,0");

        Assert.Equal(FirmwareLineKind.Samples, line.Kind);
        Assert.Equal([2047L, 2050, 4095, 0], line.Values);
    }
}
