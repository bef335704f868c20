using IceFarm.WorkerAgent.Boards;
using IceFarm.WorkerAgent.Simulation;
using IceFarm.WorkerAgent.Tests.Support;
using IceFarm.WorkerAgent.Uf2;

namespace IceFarm.WorkerAgent.Tests.Simulation;

/// <summary>The simulated BOOTSEL drive parses sectors like the RP2350 ROM (hardware.md §2.5).</summary>
public sealed class SimulatedRomTests
{
    [Fact]
    public void Rom_IgnoresFatSectorsAndDuplicatesAndCompletesOnTheLastNewBlock()
    {
        var rom = new SimulatedRom();
        var uf2 = SimulatedFirmwareImages.BuildUf2(FirmwareKind.Default);
        var fat = new byte[512];
        fat[510] = 0x55;
        fat[511] = 0xAA;

        Assert.Null(rom.Accept(fat));
        byte[]? image = null;
        for (var i = uf2.Length / 512 - 1; i >= 0; i--)
        {
            Assert.Null(image);
            image = rom.Accept(uf2.AsSpan(i * 512, 512));
            if (i == 5)
            {
                Assert.Null(rom.Accept(uf2.AsSpan(i * 512, 512)));
            }
        }

        Assert.Equal(FirmwareKind.Default, SimulatedFirmwareImages.Identify(image));
        Assert.Equal(1, rom.IgnoredSectors);
    }

    [Fact]
    public void Rom_StartsANewDownloadWhenTheFamilyChanges()
    {
        var rom = new SimulatedRom();
        var image = SimulatedFirmwareImages.Build(FirmwareKind.Variance);
        var riscV = Uf2Writer.Write(image, Uf2Families.Rp2350RiscV);
        var arm = Uf2Writer.Write(image, Uf2Families.Rp2350ArmSecure);

        for (var i = 0; i < riscV.Length / 512 - 1; i++)
        {
            Assert.Null(rom.Accept(riscV.AsSpan(i * 512, 512)));
        }

        // The last RISC-V block after an Arm block no longer completes anything.
        Assert.Null(rom.Accept(arm.AsSpan(0, 512)));
        Assert.Null(rom.Accept(riscV.AsSpan(riscV.Length - 512, 512)));
    }

    [Fact]
    public async Task WrongFamily_IsAcceptedByTheDriveButTheBoardStaysInBootsel()
    {
        var clock = TestBoards.Clock();
        var board = await InBootselAsync(clock);
        var devnum = board.Devnum;
        var rp2040 = new FirmwareImage(FirmwareKind.PulseCount, "rp2040.uf2", Uf2Writer.Write(SimulatedFirmwareImages.Build(FirmwareKind.PulseCount), Uf2Families.Rp2040));

        await WriteRawAsync(clock, board, rp2040.Uf2);
        clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(SimulatedBoardMode.Bootsel, board.Mode);
        Assert.Equal(devnum, board.Devnum);
        Assert.Equal(FirmwareKind.Default, board.InstalledImage);
    }

    [Fact]
    public async Task ImageThatDoesNotBoot_RebootsBackIntoBootsel()
    {
        var clock = TestBoards.Clock();
        var board = await InBootselAsync(clock);
        var devnum = board.Devnum;
        var unbootable = Uf2Writer.Write(SimulatedFirmwareImages.Build(FirmwareKind.PulseCount, bootable: false), Uf2Families.Rp2350ArmSecure);

        await WriteRawAsync(clock, board, unbootable);
        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Null(board.InstalledImage);
        Assert.Equal(SimulatedBoardMode.Bootsel, board.Mode);
        Assert.Equal(devnum + 1, board.Devnum);
    }

    [Fact]
    public async Task UnplugDuringTheWrite_KeepsTheOldImage()
    {
        var clock = TestBoards.Clock();
        var board = await InBootselAsync(clock);
        var uf2 = SimulatedFirmwareImages.BuildUf2(FirmwareKind.Variance);
        await using var device = board.TryOpenBlockDevice(board.VolumeName!)!;

        var half = device.WriteAsync(uf2.AsMemory(0, uf2.Length / 2)).AsTask();
        await clock.PumpUntilAsync(() => half.IsCompleted);
        board.Unplug();
        board.PlugIn();
        var rest = device.WriteAsync(uf2.AsMemory(uf2.Length / 2)).AsTask();
        await clock.PumpUntilAsync(() => rest.IsCompleted);

        await Assert.ThrowsAsync<IOException>(() => rest.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(FirmwareKind.Default, board.InstalledImage);
        Assert.Equal(SimulatedBoardMode.Application, board.Mode);
    }

    private static async Task<SimulatedBoard> InBootselAsync(Microsoft.Extensions.Time.Testing.FakeTimeProvider clock)
    {
        var board = TestBoards.PluggedIn(clock, FirmwareKind.Default);
        await (await TestBoards.OpenAsync(board, dtr: false, baudRate: 1200)).CloseAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(SimulatedBoardMode.Bootsel, board.Mode);
        return board;
    }

    private static async Task WriteRawAsync(Microsoft.Extensions.Time.Testing.FakeTimeProvider clock, SimulatedBoard board, ReadOnlyMemory<byte> uf2)
    {
        await using var device = board.TryOpenBlockDevice(board.VolumeName!)!;
        var write = device.WriteAsync(uf2).AsTask();
        await clock.PumpUntilAsync(() => write.IsCompleted);
        await write.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
