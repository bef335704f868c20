using IceFarm.WorkerAgent.Boards;

namespace IceFarm.WorkerAgent.Metrics;

/// <summary>Times every flash for <see cref="WorkerMetrics"/>, whatever driver does it.</summary>
internal sealed class MeteredFlasher(IFirmwareFlasher inner, WorkerMetrics metrics, TimeProvider time) : IFirmwareFlasher
{
    public async Task<FlashResult> FlashAsync(string serial, FirmwareImage image, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var succeeded = false;
        try
        {
            var result = await inner.FlashAsync(serial, image, deadline, cancellationToken);
            succeeded = result.Succeeded;
            return result;
        }
        finally
        {
            metrics.Flashed(image.Kind, time.GetElapsedTime(started), succeeded);
        }
    }
}
