using System.Text;
using IceFarm.WorkerAgent.Boards;
using IceFarm.WorkerAgent.Linux;
using IceFarm.WorkerAgent.Simulation;
using IceFarm.WorkerAgent.Tests.Support;
using IceFarm.WorkerAgent.Uf2;
using IceFarm.WorkerAgent.Usb;
using Microsoft.Extensions.Logging.Abstractions;

namespace IceFarm.WorkerAgent.Tests.Linux;

/// <summary>The Linux drivers against what can be had without a board: files for nodes, the kernel's datagram format.</summary>
public sealed class LinuxDriverTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("icefarm-linux-").FullName;

    [Fact]
    public async Task RawBlockWrite_PutsTheUf2SectorsOnTheNode_WhichTheRomAccepts()
    {
        var node = Path.Join(_dir, "sda1");
        File.WriteAllBytes(node, []);
        var image = new SimulatedFirmwareCatalog().Get(FirmwareKind.Variance);

        await new BlockDeviceBootloaderWriter(new FileBlockDeviceOpener())
            .WriteAsync("1B66CE91AB184A50", node, image, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        var written = File.ReadAllBytes(node);
        Assert.Equal(image.Uf2.ToArray(), written);
        var rom = new SimulatedRom();
        var flash = Enumerable.Range(0, written.Length / 512).Select(i => rom.Accept(written.AsSpan(i * 512, 512))).OfType<byte[]>().Single();
        Assert.Equal(FirmwareKind.Variance, SimulatedFirmwareImages.Identify(flash));
    }

    [Fact]
    public async Task RawBlockWrite_RefusesAnImageTheRomWouldIgnore_BeforeTouchingTheNode()
    {
        var node = Path.Join(_dir, "sda1");
        File.WriteAllBytes(node, []);
        var rp2040 = new FirmwareImage(FirmwareKind.Default, "rp2040.uf2", Uf2Writer.Write(SimulatedFirmwareImages.Build(FirmwareKind.Default), Uf2Families.Rp2040));

        await Assert.ThrowsAsync<InvalidDataException>(() => new BlockDeviceBootloaderWriter(new FileBlockDeviceOpener())
            .WriteAsync("1B66CE91AB184A50", node, rp2040, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Empty(File.ReadAllBytes(node));
    }

    [Fact]
    public void MissingNode_IsAnIOException()
        => Assert.ThrowsAny<IOException>(() => new FileBlockDeviceOpener().OpenForWrite(Path.Join(_dir, "sdz1")));

    [Fact]
    public async Task SerialPort_ThatDoesNotExist_FailsWithIOException()
    {
        await using var port = new SerialPortTransportFactory(TimeSpan.FromSeconds(1), TimeProvider.System, NullLoggerFactory.Instance)
            .Create(Path.Join(_dir, "ttyACM9"));

        await Assert.ThrowsAnyAsync<IOException>(() => port.OpenAsync(new SerialOpenOptions(9600, DtrEnable: true), CancellationToken.None));
        Assert.False(port.IsOpen);
    }

    [Fact]
    public void FirmwareCatalog_LoadsValidImages_AndNamesWhatIsMissingOrWrong()
    {
        var options = new FirmwareOptions { Directory = _dir };
        File.WriteAllBytes(options.PathOf(FirmwareKind.Default), SimulatedFirmwareImages.BuildUf2(FirmwareKind.Default));
        File.WriteAllBytes(options.PathOf(FirmwareKind.Variance), new byte[1000]);
        var catalog = new FileFirmwareCatalog(options, NullLogger<FileFirmwareCatalog>.Instance);

        Assert.Equal("default_firmware.uf2", catalog.Get(FirmwareKind.Default).Name);
        var missing = Assert.Throws<FileNotFoundException>(() => catalog.Get(FirmwareKind.PulseCount));
        Assert.Contains("bitstream_over_usb.uf2", missing.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => catalog.Get(FirmwareKind.Variance));
    }

    [Fact]
    public void UeventParser_ReadsKernelDatagrams_AndSkipsUdevOnes()
    {
        var datagram = Encoding.ASCII.GetBytes(
            "add@/devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0/tty/ttyACM0\0ACTION=add\0DEVPATH=/devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0/tty/ttyACM0\0SUBSYSTEM=tty\0MAJOR=166\0MINOR=0\0DEVNAME=ttyACM0\0SEQNUM=4711\0");

        var uevent = UeventParser.TryParse(datagram)!;

        Assert.Equal(("add", "tty", "ttyACM0", "1-2"), (uevent.Action, uevent.Subsystem, uevent.Properties["DEVNAME"], uevent.BusId));
        Assert.True(uevent.ConcernsBoards);
        Assert.Null(UeventParser.TryParse(Encoding.ASCII.GetBytes("libudev\0\xfe\xed\xca\xfe")));
        var again = UeventParser.TryParse(UeventParser.Format(uevent))!;
        Assert.Equal((uevent.Action, uevent.DevPath, "4711"), (again.Action, again.DevPath, again.Properties["SEQNUM"]));
    }

    [Fact]
    public void Netlink_OpensOrSaysWhyNot()
    {
        // Containers without netlink must fall back to polling, not crash.
        if (NetlinkUeventSource.TryOpen(NullLogger.Instance) is { } fd)
        {
            Assert.True(fd > 0);
            Assert.Equal(0, NetlinkNative.Close(fd));
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
