using IceFarm.Client;

namespace IceFarm.Cli.Commands;

/// <summary>
/// While a reserve waits in the farm's line, says where it stands whenever that changes, so a long wait is not silence
/// (<c>GET /api/v1/queue</c> every few seconds; the reserve call itself is what ends the wait).
/// </summary>
internal static class QueuePlaceReporter
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(2);

    public static async Task<T> ReportWhileAsync<T>(FarmClient client, string kind, CliOutput output, Task<T> reserving, CancellationToken ct)
    {
        var last = "";
        using var timer = new PeriodicTimer(Every);
        while (!reserving.IsCompleted && !ct.IsCancellationRequested)
        {
            var tick = timer.WaitForNextTickAsync(ct).AsTask();
            if (await Task.WhenAny(reserving, tick) == reserving)
            {
                break;
            }

            var place = await PlaceAsync(client, kind, ct);
            if (place is not null && place != last)
            {
                output.Info(place);
                last = place;
            }
        }

        return await reserving;
    }

    private static async Task<string?> PlaceAsync(FarmClient client, string kind, CancellationToken ct)
    {
        try
        {
            var mine = (await client.QueueAsync(ct)).Where(r => r.Kind == kind).MaxBy(r => r.EnqueuedAt);
            return mine is null ? null : $"Place {mine.Position} of {mine.Waiting} in the line for {mine.Kind} boards (asking for {mine.Amount}).";
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && ex is FarmApiException or HttpRequestException or TimeoutException or TaskCanceledException)
        {
            // Only the progress line is missed: the reserve call reports the farm's real answer or failure.
            return $"(could not read the line: {ex.Message})";
        }
    }
}
