using System.Threading.Channels;
using IceFarm.FarmData.Store;

namespace IceFarm.ReservationService.Hosting;

/// <summary>A loop's wake-up: pokes coalesce into one, and a wait also ends after its interval (the safety net).</summary>
internal sealed class Wakeup
{
    private readonly Channel<bool> _pokes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Poke() => _pokes.Writer.TryWrite(true);

    /// <summary>Waits for a poke, or <paramref name="interval"/> at most.</summary>
    public async Task WaitAsync(TimeSpan interval, TimeProvider time, CancellationToken ct)
    {
        using var timeout = new CancellationTokenSource(interval, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        try
        {
            await _pokes.Reader.WaitToReadAsync(either.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The interval passed without a poke.
        }

        _pokes.Reader.TryRead(out _);
    }

    /// <summary>Runs <paramref name="pass"/> on every wake-up until stopped; a failing pass is logged and the loop goes on.</summary>
    public async Task RunAsync(TimeSpan interval, TimeProvider time, Func<CancellationToken, Task> pass, ILogger logger, string what, CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            await WaitAsync(interval, time, stoppingToken);
            try
            {
                await pass(stoppingToken);
                failures = 0;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                failures++;
                if (DatabaseOutages.IsOutage(ex))
                {
                    logger.LogWarning("{What} waits for the database ({Failures} in a row: {Error})", what, failures, ex.GetBaseException().Message);
                }
                else
                {
                    logger.LogError(ex, "{What} failed ({Failures} in a row); trying again at the next wake-up", what, failures);
                }
            }
        }
    }
}
