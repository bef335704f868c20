using IceFarm.WorkerAgent.Boards;
using IceFarm.WorkerAgent.Simulation;
using IceFarm.WorkerAgent.Tests.Support;
using IceFarm.WorkerAgent.Usb;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IceFarm.WorkerAgent.Tests.Linux;

/// <summary>
/// The UF2 writer is only ever given the partition of an RP2350 BOOTSEL drive (2e8a:000f) that discovery found for
/// the board being flashed (issue 15, item 5; docs/security.md): never another USB disk, never a drive of a board in
/// any other mode, never another board's drive.
/// </summary>
public sealed class Uf2WriteTargetTests : IDisposable
{
    private const string Serial = "1B66CE91AB184A50";
    private readonly FakeSysfs _sys = new();
    private readonly RecordingWriter _writer = new();

    [Fact]
    public async Task A_disk_that_is_not_the_boards_BOOTSEL_drive_is_never_written()
    {
        // The board runs its firmware and exposes a drive of its own (as a mass-storage firmware would); a USB stick
        // and another board's BOOTSEL drive sit beside it. The touch is lost (the port is a plain file here).
        _sys.Plug("1-2", "2e8a", "0009", Serial, partition: "sdb1");
        _sys.Plug("1-3", "0781", "5581", "4C530001230517115465", tty: null, partition: "sdc1");
        _sys.Plug("1-4", "2e8a", "000f", "AAAAAAAAAAAAAAAA", tty: null, partition: "sdd1");

        var result = await FlashAsync();

        Assert.False(result.Succeeded);
        Assert.Contains("waiting for BOOTSEL", result.Failure, StringComparison.Ordinal);
        Assert.Empty(_writer.Volumes);
    }

    [Fact]
    public async Task The_boards_own_BOOTSEL_partition_is_the_one_written()
    {
        _sys.Plug("1-3", "0781", "5581", "4C530001230517115465", tty: null, partition: "sdb1");
        _sys.Plug("1-2", "2e8a", "000f", Serial, tty: null, partition: "sdc1");

        await FlashAsync();

        Assert.Equal([(Serial, Path.Join(_sys.Root, "dev", "sdc1"))], _writer.Volumes);
    }

    public void Dispose() => _sys.Dispose();

    private async Task<FlashResult> FlashAsync()
    {
        var clock = TestBoards.Clock();
        var options = ActorHarness.FaultOptions();
        var flasher = new Uf2Flasher(
            new SysfsBoardDiscovery(_sys.Root, NullLogger<SysfsBoardDiscovery>.Instance),
            new SimulatedSerialTransportFactory(new SimulatedFarm([])),
            _writer,
            Options.Create(options),
            clock,
            NullLogger<Uf2Flasher>.Instance);
        var flash = flasher.FlashAsync(Serial, new SimulatedFirmwareCatalog().Get(FirmwareKind.Default), clock.GetUtcNow() + options.FlashDeadline, CancellationToken.None);
        await clock.PumpUntilAsync(() => flash.IsCompleted, TimeSpan.FromMilliseconds(50));
        return await flash.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private sealed class RecordingWriter : IBootloaderWriter
    {
        public List<(string Serial, string Volume)> Volumes { get; } = [];

        public Task WriteAsync(string serial, string volume, FirmwareImage image, CancellationToken cancellationToken)
        {
            lock (Volumes)
            {
                Volumes.Add((serial, volume));
            }

            return Task.CompletedTask;
        }
    }
}
