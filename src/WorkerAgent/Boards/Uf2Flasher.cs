using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IceFarm.WorkerAgent.Boards;

/// <summary>
/// Flashes through the seams only, so the same steps run against real boards and the simulator:
/// 1200-baud touch on the protocol port, wait for BOOTSEL and its volume, write the UF2, wait for the
/// board to re-enumerate with the image's identity (hardware.md §2).
/// </summary>
internal sealed class Uf2Flasher(
    IBoardDiscovery discovery,
    ISerialTransportFactory transports,
    IBootloaderWriter writer,
    IOptions<BoardOptions> options,
    TimeProvider time,
    ILogger<Uf2Flasher> logger) : IFirmwareFlasher
{
    private const int TouchBaudRate = 1200;
    private const int NeutralBaudRate = 9600;

    /// <inheritdoc />
    public async Task<FlashResult> FlashAsync(string serial, FirmwareImage image, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var remaining = deadline - time.GetUtcNow();
        using var deadlineCts = new CancellationTokenSource(remaining > TimeSpan.Zero ? remaining : TimeSpan.FromTicks(1), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadlineCts.Token);
        var phase = "looking for the board";
        try
        {
            var board = await WaitForAsync(serial, b => b.PortName is not null || b.Identity == UsbIdentity.Bootsel, linked.Token);
            while (board.Identity != UsbIdentity.Bootsel)
            {
                // Touched again when the board is still up after a while: a touch can be lost to a port
                // that is still closing (EBUSY) or to a firmware busy elsewhere; the deadline bounds it.
                phase = "waiting for BOOTSEL (sending the 1200-baud touch)";
                await TouchAsync(board.PortName!, linked.Token);
                phase = "waiting for BOOTSEL";
                var touchedAt = time.GetUtcNow();
                board = await WaitForAsync(
                    serial,
                    b => b.Identity == UsbIdentity.Bootsel || (b.PortName is not null && time.GetUtcNow() - touchedAt >= options.Value.TouchRetryInterval),
                    linked.Token);
            }

            phase = "waiting for BOOTSEL and its drive";
            var bootsel = await WaitForAsync(serial, b => b.Identity == UsbIdentity.Bootsel && b.BootloaderVolume is not null, linked.Token);

            phase = $"writing {image.Name}";
            await writer.WriteAsync(serial, bootsel.BootloaderVolume!, image, linked.Token);

            phase = $"waiting for {image.Name} to boot";
            var expected = FirmwareKinds.IdentityOf(image.Kind);
            var booted = await WaitForAsync(
                serial, b => (b.Identity == expected && b.PortName is not null) || (b.Identity == UsbIdentity.Bootsel && b.Devnum > bootsel.Devnum), linked.Token);
            if (booted.Identity == UsbIdentity.Bootsel)
            {
                return FlashResult.Failed($"the ROM did not boot {image.Name}: the board came back in BOOTSEL");
            }

            return FlashResult.Ok(booted.PortName!);
        }
        catch (OperationCanceledException) when (deadlineCts.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return FlashResult.Failed($"flashing {image.Name} missed its deadline while {phase}");
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            return FlashResult.Failed($"flashing {image.Name} failed while {phase}: {ex.Message}");
        }
    }

    private async Task TouchAsync(string portName, CancellationToken cancellationToken)
    {
        // Linux only sends SET_LINE_CODING when the rate changes, so go through a neutral rate first
        // in case an earlier, ignored touch left the port at 1200 (hardware.md §2.1, pitfall 1).
        await using var port = transports.Create(portName);
        try
        {
            await port.OpenAsync(new SerialOpenOptions(NeutralBaudRate, DtrEnable: false), cancellationToken);
            await port.SetBaudRateAsync(TouchBaudRate, cancellationToken);
            await port.CloseAsync(cancellationToken);
        }
        catch (IOException ex)
        {
            // The board vanishing under the touch is its success signal (pitfall 2); whether it
            // really went to BOOTSEL is checked by the wait that follows.
            logger.LogDebug(ex, "Port {Port} went away during the 1200-baud touch", portName);
        }
    }

    private async Task<DiscoveredBoard> WaitForAsync(string serial, Func<DiscoveredBoard, bool> condition, CancellationToken cancellationToken)
    {
        while (true)
        {
            var board = await discovery.FindAsync(serial, cancellationToken);
            if (board is not null && condition(board))
            {
                return board;
            }

            await Task.Delay(options.Value.FlashPollInterval, time, cancellationToken);
        }
    }
}
